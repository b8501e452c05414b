#include "providers/sqs/change_events.h"

namespace driftless::sqs {

std::vector<ChangeEventRule> queueChangeEvents() {
  return {{"sqs.amazonaws.com",
           {"SetQueueAttributes", "TagQueue", "UntagQueue", "DeleteQueue", "AddPermission",
            "RemovePermission"},
           {"requestParameters.queueUrl"}}};
}

}  // namespace driftless::sqs
