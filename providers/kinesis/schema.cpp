#include "providers/kinesis/schema.h"

#include "providers/common/validate.h"

namespace driftless::kinesis {

using P = PropertySpec;

std::vector<std::string> validateStream(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Name"))) {
    if (name->empty() || name->size() > 128 || !common::onlyChars(*name, "_.-"))
      out.push_back("Name: \"" + *name + "\" must be 1 to 128 letters, digits, '_', '.' or '-'");
  }
  common::checkRange(props, "ShardCount", 1, 100000, out);
  common::checkRange(props, "RetentionPeriodHours", 24, 8760, out);
  const Value* mode = props.find("StreamModeDetails");
  auto onDemand = mode ? common::stringLike(mode->find("StreamMode")) : std::nullopt;
  if (onDemand == "ON_DEMAND" && props.find("ShardCount"))
    out.push_back("ShardCount: not allowed for an ON_DEMAND stream (AWS scales its shards)");
  common::checkRange(props, "MaxRecordSizeInKiB", 1024, 10240, out);
  if (onDemand != "ON_DEMAND" && props.find("WarmThroughputMiBps"))
    out.push_back("WarmThroughputMiBps: only for an ON_DEMAND stream");
  return out;
}

TypeInfo streamTypeInfo() {
  TypeInfo t;
  t.type = std::string(kStreamType);
  t.service = "kinesis";
  t.physicalNameProperty = "Name";
  t.refAttribute = "";  // Ref = the stream name
  t.getAttributes = {"Arn"};
  t.properties = {
      P::string("Name").immut(),
      P::integer("ShardCount"),
      P::integer("RetentionPeriodHours"),
      P::object("StreamModeDetails",
                {P::string("StreamMode").req().oneOf({"PROVISIONED", "ON_DEMAND"})}),
      P::object("StreamEncryption",
                {P::string("EncryptionType").req().oneOf({"KMS"}), P::string("KeyId").req()}),
      P::list("DesiredShardLevelMetrics",
              P::string("").oneOf({"IncomingBytes", "IncomingRecords", "OutgoingBytes",
                                   "OutgoingRecords", "WriteProvisionedThroughputExceeded",
                                   "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds",
                                   "ALL"})),
      P::integer("MaxRecordSizeInKiB"),
      P::integer("WarmThroughputMiBps"),
      P::tags(),
  };
  t.iamActions = {"kinesis:CreateStream",
                  "kinesis:DescribeStreamSummary",
                  "kinesis:ListTagsForStream",
                  "kinesis:AddTagsToStream",
                  "kinesis:RemoveTagsFromStream",
                  "kinesis:UpdateShardCount",
                  "kinesis:IncreaseStreamRetentionPeriod",
                  "kinesis:DecreaseStreamRetentionPeriod",
                  "kinesis:UpdateStreamMode",
                  "kinesis:StartStreamEncryption",
                  "kinesis:EnableEnhancedMonitoring",
                  "kinesis:DisableEnhancedMonitoring",
                  "kinesis:UpdateMaxRecordSize",
                  "kinesis:UpdateStreamWarmThroughput",
                  "kinesis:DeleteStream"};
  t.validate = validateStream;
  return t;
}

}  // namespace driftless::kinesis
