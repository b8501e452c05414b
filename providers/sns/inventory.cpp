#include "providers/sns/inventory.h"

namespace driftless::sns {

using P = InventoryCall::Protocol;

Inventory topicInventory() {
  return Inventory{.arnMatch = "sns:",
                   .calls = {{.protocol = P::Query,
                              .operation = "ListTopics",
                              .items = "Topics.member",
                              .field = "TopicArn",
                              .tokenIn = "NextToken"}}};
}

Inventory subscriptionInventory() {
  return Inventory{
      .notListed = "a topic's subscription, without tags of its own: it is seen with its topic"};
}

Inventory topicPolicyInventory() {
  return Inventory{.notListed =
                       "a topic's Policy attribute, not a resource: it is seen with its topic"};
}

}  // namespace driftless::sns
