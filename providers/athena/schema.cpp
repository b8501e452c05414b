#include "providers/athena/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::athena {

// Name: 1-128 of [A-Za-z0-9._-], not "primary" (Athena's own); OutputLocation
// an s3:// URI; a KMS encryption option needs KmsKey.
static std::vector<std::string> validateWorkGroup(const Properties& props) {
  std::vector<std::string> out;
  common::checkNameChars(props, "Name", 128, "._-", out);
  if (common::stringLike(props.find("Name")) == "primary")
    out.push_back("Name: \"primary\" is Athena's own workgroup, which cannot be created");
  const Value* result = props.findPath("WorkGroupConfiguration.ResultConfiguration");
  if (result && result->isObject()) {
    if (auto loc = common::stringLike(result->find("OutputLocation"));
        loc && !loc->starts_with("s3://"))
      out.push_back("WorkGroupConfiguration.ResultConfiguration.OutputLocation: must be s3://...");
    const Value* enc = result->find("EncryptionConfiguration");
    auto option = enc ? common::stringLike(enc->find("EncryptionOption")) : std::nullopt;
    if (option && *option != "SSE_S3" && !enc->find("KmsKey"))
      out.push_back(
          "WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.KmsKey: required "
          "with " +
          *option);
  }
  return out;
}

TypeInfo workGroupTypeInfo() {
  return common::declared("AWS::Athena::WorkGroup", validateWorkGroup);
}

}  // namespace driftless::athena
