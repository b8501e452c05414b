#include "providers/sns/register.h"

#include "providers/common/service.h"
#include "providers/sns/change_events.h"
#include "providers/sns/inventory.h"
#include "providers/sns/schema.h"
#include "providers/sns/subscription.h"
#include "providers/sns/topic.h"
#include "providers/sns/topic_policy.h"
#include "providers/sns/topic_policy_schema.h"

namespace driftless::sns {

void registerTypes(Registry& r) {
  const common::Service sns{
      .name = "sns",
      .errors = {.notFound = {"NotFound", "NotFoundException"}},
  };
  common::add(r, sns, common::withInventory(topicTypeInfo(), topicInventory()), topicChangeEvents(),
              makeTopicProvider);
  common::add(r, sns, common::withInventory(subscriptionTypeInfo(), subscriptionInventory()),
              subscriptionChangeEvents(), makeSubscriptionProvider);
  common::add(r, sns, common::withInventory(topicPolicyTypeInfo(), topicPolicyInventory()),
              topicPolicyChangeEvents(), makeTopicPolicyProvider);
}

}  // namespace driftless::sns
