#include "providers/dynamodb/change_events.h"

namespace driftless::dynamodb {

std::vector<ChangeEventRule> tableChangeEvents() {
  return {{"dynamodb.amazonaws.com",
           {"UpdateTable", "DeleteTable", "TagResource", "UntagResource", "UpdateTimeToLive",
            "UpdateContinuousBackups", "PutResourcePolicy", "DeleteResourcePolicy",
            "EnableKinesisStreamingDestination", "DisableKinesisStreamingDestination"},
           {"requestParameters.tableName", "requestParameters.resourceArn"}}};
}

}  // namespace driftless::dynamodb
