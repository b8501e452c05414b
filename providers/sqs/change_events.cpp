#include "providers/sqs/change_events.h"

namespace driftless::sqs {

std::vector<ChangeEventRule> queueChangeEvents() {
  return {{"sqs.amazonaws.com",
           {"SetQueueAttributes", "TagQueue", "UntagQueue", "DeleteQueue", "AddPermission",
            "RemovePermission"},
           {"requestParameters.queueUrl"}}};
}

std::vector<ChangeEventRule> queuePolicyChangeEvents() {
  // The policy is the queue's Policy attribute; its id is its queues' ids, '|'-joined.
  return {
      {"sqs.amazonaws.com", {"SetQueueAttributes", "DeleteQueue"}, {"requestParameters.queueUrl"}}};
}

}  // namespace driftless::sqs
