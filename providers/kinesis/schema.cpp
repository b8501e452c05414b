#include "providers/kinesis/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::kinesis {

// Name: 1-128 of [A-Za-z0-9_.-]; ShardCount >= 1 and only for PROVISIONED
// streams; RetentionPeriodHours 24-8760; KMS encryption needs a KeyId.
static std::vector<std::string> validateStream(const Properties& props) {
  std::vector<std::string> out;
  common::checkNameChars(props, "Name", 128, "_.-", out);
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
  return common::declared("AWS::Kinesis::Stream", validateStream);
}

}  // namespace driftless::kinesis
