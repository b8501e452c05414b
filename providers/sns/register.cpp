#include "providers/sns/register.h"

#include "providers/sns/schema.h"

namespace driftless::sns {

void registerTypes(Registry& r) {
  r.add(topicTypeInfo(), nullptr);
  r.add(subscriptionTypeInfo(), nullptr);
}

}  // namespace driftless::sns
