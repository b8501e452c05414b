#include "providers/sqs/inventory.h"

namespace driftless::sqs {

using P = InventoryCall::Protocol;

Inventory queueInventory() {
  return Inventory{.arnMatch = "sqs:",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListQueues",
                              .items = "QueueUrls",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .arn = "arn:{partition}:sqs:{region}:{account}:{last}"};
}

Inventory queuePolicyInventory() {
  return Inventory{.notListed =
                       "a queue's Policy attribute, not a resource: it is seen with its queue"};
}

}  // namespace driftless::sqs
