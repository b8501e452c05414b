#include "providers/sns/register.h"

#include "providers/sns/change_events.h"
#include "providers/sns/schema.h"
#include "providers/sns/topic.h"

namespace driftless::sns {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(topicTypeInfo(), topicChangeEvents()), makeTopicProvider);
  r.add(withChangeEvents(subscriptionTypeInfo(), subscriptionChangeEvents()),
        makeSubscriptionProvider);
}

}  // namespace driftless::sns
