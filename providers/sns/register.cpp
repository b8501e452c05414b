#include "providers/sns/register.h"

#include "providers/sns/schema.h"
#include "providers/sns/topic.h"

namespace driftless::sns {

void registerTypes(Registry& r) {
  r.add(topicTypeInfo(), makeTopicProvider);
  r.add(subscriptionTypeInfo(), makeSubscriptionProvider);
}

}  // namespace driftless::sns
