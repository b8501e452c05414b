#include "providers/s3/schema.h"

#include <cctype>
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::s3 {

namespace {

constexpr std::string_view kBucketType = "AWS::S3::Bucket";
constexpr std::string_view kBucketPolicyType = "AWS::S3::BucketPolicy";

bool looksLikeIp(std::string_view s) {
  int dots = 0;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace

std::vector<std::string> validateBucketName(std::string_view name) {
  std::vector<std::string> out;
  auto bad = [&](const std::string& why) {
    out.push_back("BucketName: \"" + std::string(name) + "\" " + why);
  };
  if (name.size() < 3 || name.size() > 63) bad("must be 3 to 63 characters long");
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) {
      bad("may contain only lowercase letters, digits, dots and hyphens");
      break;
    }
  }
  if (!name.empty()) {
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(name.front()) || !alnum(name.back()))
      bad("must begin and end with a lowercase letter or a digit");
  }
  if (name.find("..") != std::string_view::npos) bad("must not contain two adjacent dots");
  if (name.find(".-") != std::string_view::npos || name.find("-.") != std::string_view::npos)
    bad("must not contain a dot next to a hyphen");
  if (looksLikeIp(name)) bad("must not be formatted as an IP address");
  for (std::string_view p : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (name.starts_with(p)) bad("must not start with \"" + std::string(p) + "\"");
  for (std::string_view s : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (name.ends_with(s)) bad("must not end with \"" + std::string(s) + "\"");
  return out;
}

std::vector<std::string> validateBucket(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("BucketName"))) {
    auto problems = validateBucketName(*name);
    out.insert(out.end(), problems.begin(), problems.end());
  }
  if (const Value* enc = props.findPath("BucketEncryption.ServerSideEncryptionConfiguration");
      enc && enc->isArray()) {
    for (std::size_t i = 0; i < enc->size(); ++i) {
      const Value& rule = enc->asArray()[i];
      std::string where = "BucketEncryption.ServerSideEncryptionConfiguration." + std::to_string(i);
      auto alg = common::stringLike(rule.findPath("ServerSideEncryptionByDefault.SSEAlgorithm"));
      if (rule.findPath("ServerSideEncryptionByDefault.KMSMasterKeyID") && alg && *alg == "AES256")
        out.push_back(where + ": KMSMasterKeyID is only allowed with SSEAlgorithm aws:kms");
    }
  }
  if (const Value* rules = props.findPath("LifecycleConfiguration.Rules");
      rules && rules->isArray()) {
    static const char* kActions[] = {"ExpirationDate",
                                     "ExpirationInDays",
                                     "ExpiredObjectDeleteMarker",
                                     "NoncurrentVersionExpirationInDays",
                                     "NoncurrentVersionExpiration",
                                     "NoncurrentVersionTransitions",
                                     "Transitions",
                                     "AbortIncompleteMultipartUpload"};
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Value& rule = rules->asArray()[i];
      if (!rule.isObject()) continue;
      bool any = false;
      for (const char* a : kActions)
        any = any || rule.find(a);
      if (!any)
        out.push_back("LifecycleConfiguration.Rules." + std::to_string(i) +
                      ": needs at least one action (expiration, transition, noncurrent "
                      "version or abort incomplete multipart upload)");
    }
  }
  return out;
}

std::vector<std::string> validateBucketPolicy(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Bucket"))) {
    for (auto& p : validateBucketName(*name))
      out.push_back("Bucket" + p.substr(10));
  }
  if (const Value* doc = props.find("PolicyDocument"); doc && doc->isString()) {
    if (!Value::fromJson(doc->asString()))
      out.push_back("PolicyDocument: is a string but not a JSON document");
  }
  return out;
}

TypeInfo bucketTypeInfo() {
  TypeInfo t = common::declared(kBucketType, validateBucket);
  // AWS's values, which the database does not list.
  common::at(t.properties, "CorsConfiguration.CorsRules.AllowedMethods")
      .element[0]
      .oneOf({"GET", "PUT", "HEAD", "POST", "DELETE"});
  common::at(t.properties,
             "ReplicationConfiguration.Rules.Destination.AccessControlTranslation.Owner")
      .oneOf({"Destination"});
  common::at(t.properties,
             "AnalyticsConfigurations.StorageClassAnalysis.DataExport.OutputSchemaVersion")
      .oneOf({"V_1"});
  // Storage class analysis exports CSV only (the database's Destination is shared with the
  // inventory, which also writes ORC and Parquet).
  common::at(t.properties,
             "AnalyticsConfigurations.StorageClassAnalysis.DataExport.Destination.Format")
      .oneOf({"CSV"});
  // S3's storage classes (the database also lists Glacier, a spelling CloudFormation
  // takes and S3 does not).
  for (auto path : {"LifecycleConfiguration.Rules.NoncurrentVersionTransitions.StorageClass",
                    "LifecycleConfiguration.Rules.Transitions.StorageClass"})
    common::at(t.properties, path)
        .oneOf({"DEEP_ARCHIVE", "GLACIER", "GLACIER_IR", "INTELLIGENT_TIERING", "ONEZONE_IA",
                "STANDARD_IA"});
  return t;
}

TypeInfo bucketPolicyTypeInfo() {
  return common::declared(kBucketPolicyType, validateBucketPolicy);
}

}  // namespace driftless::s3
