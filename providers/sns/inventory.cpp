#include "providers/sns/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::sns {

using P = InventoryCall::Protocol;

Inventory topicInventory() {
  return common::listed("sns:", {common::listCall(P::Query, "ListTopics", "", "Topics.member",
                                                  "TopicArn", "NextToken")});
}

Inventory subscriptionInventory() {
  return common::notListed(
      "a topic's subscription, without tags of its own: it is seen with its topic");
}

Inventory topicPolicyInventory() {
  return common::notListed("a topic's Policy attribute, not a resource: it is seen with its topic");
}

}  // namespace driftless::sns
