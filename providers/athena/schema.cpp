#include "providers/athena/schema.h"

#include "providers/common/cfn_schema.h"
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
  // Ref = the workgroup name
  TypeInfo t = common::typeInfo(
      "AWS::Athena::WorkGroup", "Name", "",
      {"CreationTime", "WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion"});
  common::manage(
      t, {"Name", "Description", "State", "WorkGroupConfiguration.BytesScannedCutoffPerQuery",
          "WorkGroupConfiguration.EnforceWorkGroupConfiguration",
          "WorkGroupConfiguration.PublishCloudWatchMetricsEnabled",
          "WorkGroupConfiguration.RequesterPaysEnabled",
          "WorkGroupConfiguration.EngineVersion.SelectedEngineVersion",
          "WorkGroupConfiguration.ResultConfiguration", "RecursiveDeleteOption", "Tags"});
  t.iamActions = common::actions(
      "athena", {"CreateWorkGroup", "GetWorkGroup", "UpdateWorkGroup", "DeleteWorkGroup",
                 "ListTagsForResource", "TagResource", "UntagResource"});
  t.validate = validateWorkGroup;
  return t;
}

}  // namespace driftless::athena
