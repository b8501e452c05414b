#include "providers/kinesis/change_events.h"

namespace driftless::kinesis {

std::vector<ChangeEventRule> streamChangeEvents() {
  return {{"kinesis.amazonaws.com",
           {"UpdateShardCount", "IncreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriod",
            "UpdateStreamMode", "StartStreamEncryption", "StopStreamEncryption",
            "EnableEnhancedMonitoring", "DisableEnhancedMonitoring", "AddTagsToStream",
            "RemoveTagsFromStream", "DeleteStream"},
           {"requestParameters.streamName", "requestParameters.streamARN"}}};
}

}  // namespace driftless::kinesis
