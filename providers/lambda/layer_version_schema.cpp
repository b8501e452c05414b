#include "providers/lambda/layer_version_schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::lambda {

using P = PropertySpec;

// LayerName required (driftless does not generate it), 1-140 of [A-Za-z0-9_-];
// Content with S3Bucket and S3Key; at most 15 runtimes, 2 architectures.
static std::vector<std::string> validateLayerVersion(const Properties& props) {
  std::vector<std::string> out;
  if (!props.find("LayerName"))
    out.push_back("LayerName: is required (driftless does not generate layer names)");
  if (auto name = common::stringLike(props.find("LayerName"));
      name && !name->starts_with("arn:") &&
      (name->empty() || name->size() > 140 || !common::onlyChars(*name, "-_")))
    out.push_back("LayerName: \"" + *name + "\" must be 1 to 140 of letters, digits, - and _");
  if (const Value* c = props.find("Content"); c && c->isObject())
    for (const char* k : {"S3Bucket", "S3Key"})
      if (!c->find(k)) out.push_back(std::string("Content: ") + k + " is required");
  if (const Value* r = props.find("CompatibleRuntimes"); r && r->isArray() && r->size() > 15)
    out.push_back("CompatibleRuntimes: at most 15 runtimes");
  if (const Value* a = props.find("CompatibleArchitectures"); a && a->isArray() && a->size() > 2)
    out.push_back("CompatibleArchitectures: at most x86_64 and arm64");
  return out;
}

// A published layer version: AWS assigns its number; identified by its ARN
// (kept in state with the S3 object it was published from, which AWS does not
// report); not taggable (owned through the state entry). Nothing about a
// version can change: every property replaces.
TypeInfo layerVersionTypeInfo() {
  TypeInfo t = common::declared("AWS::Lambda::LayerVersion", validateLayerVersion);
  // AWS's values, which the database does not list.
  common::at(t.properties, "CompatibleArchitectures").element[0].oneOf({"x86_64", "arm64"});
  return t;
}

}  // namespace driftless::lambda
