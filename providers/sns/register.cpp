#include "providers/sns/register.h"

#include "providers/sns/change_events.h"
#include "providers/sns/schema.h"
#include "providers/sns/topic.h"
#include "providers/sns/topic_policy.h"
#include "providers/sns/topic_policy_schema.h"

namespace driftless::sns {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(topicTypeInfo(), topicChangeEvents()), makeTopicProvider);
  r.add(withChangeEvents(subscriptionTypeInfo(), subscriptionChangeEvents()),
        makeSubscriptionProvider);
  r.add(topicPolicyTypeInfo(), makeTopicPolicyProvider);
}

}  // namespace driftless::sns
