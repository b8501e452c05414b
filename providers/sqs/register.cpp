#include "providers/sqs/register.h"

#include "providers/sqs/change_events.h"
#include "providers/sqs/queue.h"
#include "providers/sqs/queue_policy.h"
#include "providers/sqs/queue_policy_schema.h"
#include "providers/sqs/schema.h"

namespace driftless::sqs {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(queueTypeInfo(), queueChangeEvents()), makeQueueProvider);
  r.add(queuePolicyTypeInfo(), makeQueuePolicyProvider);
}

}  // namespace driftless::sqs
