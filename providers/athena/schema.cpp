#include "providers/athena/schema.h"

#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::athena {

using P = PropertySpec;

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
  const PropertySpec result = P::object(
      "ResultConfiguration",
      {P::string("OutputLocation"), P::string("ExpectedBucketOwner"),
       P::object("EncryptionConfiguration",
                 {P::string("EncryptionOption").req().oneOf({"SSE_S3", "SSE_KMS", "CSE_KMS"}),
                  P::string("KmsKey")}),
       P::object("AclConfiguration",
                 {P::string("S3AclOption").req().oneOf({"BUCKET_OWNER_FULL_CONTROL"})})});
  t.properties = {
      P::string("Name").req().immut(),
      P::string("Description"),
      P::string("State").oneOf({"ENABLED", "DISABLED"}),
      P::object(
          "WorkGroupConfiguration",
          {P::integer("BytesScannedCutoffPerQuery"), P::boolean("EnforceWorkGroupConfiguration"),
           P::boolean("PublishCloudWatchMetricsEnabled"), P::boolean("RequesterPaysEnabled"),
           P::object("EngineVersion", {P::string("SelectedEngineVersion")}), result}),
      P::boolean("RecursiveDeleteOption"),
      P::tags(),
  };
  t.iamActions = common::actions(
      "athena", {"CreateWorkGroup", "GetWorkGroup", "UpdateWorkGroup", "DeleteWorkGroup",
                 "ListTagsForResource", "TagResource", "UntagResource"});
  t.validate = validateWorkGroup;
  return t;
}

}  // namespace driftless::athena
