#include "providers/sns/register.h"

#include "providers/common/service.h"
#include "providers/sns/change_events.h"
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
  common::add(r, sns, topicTypeInfo(), topicChangeEvents(), makeTopicProvider);
  common::add(r, sns, subscriptionTypeInfo(), subscriptionChangeEvents(), makeSubscriptionProvider);
  auto policy = topicPolicyTypeInfo();
  common::add(r, sns, policy, policy.changeEvents, makeTopicPolicyProvider);
}

}  // namespace driftless::sns
