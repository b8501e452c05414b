#include <cctype>
#include <optional>
#include <string>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"
#include "providers/lambda/schema.h"

namespace driftless::lambda {

using P = PropertySpec;

namespace {

bool validFunctionName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '-' && c != '_') return false;
  return true;
}

}  // namespace

static std::vector<std::string> validateFunction(const Properties& p) {
  std::vector<std::string> problems;
  common::checkName(p, "FunctionName", validFunctionName,
                    "must be 1-64 characters of letters, digits, - and _", problems);
  const Value* package = p.find("PackageType");
  const bool image = package && package->scalarText() == "Image";
  if (const Value* code = p.find("Code"); code && code->isObject()) {
    bool zip = code->find("ZipFile") != nullptr;
    bool s3 = code->find("S3Bucket") || code->find("S3Key") || code->find("S3ObjectVersion");
    bool uri = code->find("ImageUri") != nullptr;
    if (image != uri)
      problems.push_back("Code: ImageUri goes with PackageType Image, and only with it");
    if (int(zip) + int(s3) + int(uri) > 1)
      problems.push_back("Code: give one of ZipFile, S3Bucket/S3Key or ImageUri");
    else if (!zip && !s3 && !uri)
      problems.push_back("Code: needs ZipFile, or S3Bucket and S3Key, or ImageUri");
    else if (s3 && (!code->find("S3Bucket") || !code->find("S3Key")))
      problems.push_back("Code: S3Bucket and S3Key are both required");
    if (zip && (!p.find("Runtime") || !p.find("Handler")))
      problems.push_back("Code: ZipFile needs Runtime and Handler");
    if (const Value* z = code->find("ZipFile"); z && z->isString() && z->asString().size() > 4096)
      problems.push_back("Code.ZipFile: inline source is limited to 4096 characters");
  }
  if (p.find("ImageConfig") && !image)
    problems.push_back("ImageConfig: only with PackageType Image");
  common::checkIntegerRange(p, "MemorySize", 128, 10240, " MB", problems);
  common::checkIntegerRange(p, "Timeout", 1, 900, " seconds", problems);
  common::checkIntegerRange(p, "EphemeralStorage.Size", 512, 10240, " MB", problems);
  common::checkIntegerRange(p, "DurableConfig.ExecutionTimeout", 1, 31622400, " seconds", problems);
  common::checkIntegerRange(p, "DurableConfig.RetentionPeriodInDays", 1, 90, " days", problems);
  if (const Value* a = p.find("Architectures"); a && a->isArray() && a->size() != 1)
    problems.push_back("Architectures: exactly one of x86_64 or arm64");
  if (const Value* l = p.find("Layers"); l && l->isArray() && l->size() > 5)
    problems.push_back("Layers: at most 5 layers");
  if (const Value* r = p.findPath("RuntimeManagementConfig.UpdateRuntimeOn");
      r && (r->scalarText() == "Manual") !=
               (p.findPath("RuntimeManagementConfig.RuntimeVersionArn") != nullptr))
    problems.push_back(
        "RuntimeManagementConfig: RuntimeVersionArn is required with UpdateRuntimeOn "
        "Manual, and "
        "only then");
  if (const Value* f = p.find("FileSystemConfigs"); f && f->isArray() && f->size() > 1)
    problems.push_back("FileSystemConfigs: at most one file system");
  if (p.findPath("LoggingConfig.ApplicationLogLevel") ||
      p.findPath("LoggingConfig.SystemLogLevel")) {
    const Value* format = p.findPath("LoggingConfig.LogFormat");
    if (!format || format->scalarText() != "JSON")
      problems.push_back(
          "LoggingConfig: ApplicationLogLevel and SystemLogLevel need LogFormat JSON");
  }
  if (const Value* d = p.find("Description"); d && d->isString() && d->asString().size() > 256)
    problems.push_back("Description: at most 256 characters");
  if (const Value* vars = p.findPath("Environment.Variables"); vars && vars->isObject()) {
    for (const auto& [k, v] : vars->asObject()) {
      bool ok = !k.empty() && std::isalpha(static_cast<unsigned char>(k[0]));
      for (unsigned char c : k)
        if (!std::isalnum(c) && c != '_') ok = false;
      // The value is never named: it is a secret.
      if (!ok)
        problems.push_back("Environment.Variables: \"" + k +
                           "\" must start with a letter and contain only letters, digits and _");
    }
  }
  return problems;
}

TypeInfo functionTypeInfo() {
  TypeInfo t = common::declared("AWS::Lambda::Function", validateFunction);
  // AWS's values, which the database does not list.
  common::at(t.properties, "Architectures").element[0].oneOf({"x86_64", "arm64"});
  // Variable values are secrets: never printed, stored as keyed hashes.
  common::at(t.properties, "Environment.Variables").element[0].sec();
  return t;
}

}  // namespace driftless::lambda
