#include "providers/sqs/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::sqs {

Inventory queueInventory() {
  return Inventory{.arnMatch = "sqs:",
                   .calls = {common::jsonList("ListQueues", "QueueUrls", "")},
                   .arn = "arn:{partition}:sqs:{region}:{account}:{last}"};
}

Inventory queuePolicyInventory() {
  return common::notListed("a queue's Policy attribute, not a resource: it is seen with its queue");
}

}  // namespace driftless::sqs
