#include "providers/sqs/register.h"

#include "providers/common/service.h"
#include "providers/sqs/change_events.h"
#include "providers/sqs/inventory.h"
#include "providers/sqs/queue.h"
#include "providers/sqs/queue_inline_policy.h"
#include "providers/sqs/queue_inline_policy_schema.h"
#include "providers/sqs/queue_policy.h"
#include "providers/sqs/queue_policy_schema.h"
#include "providers/sqs/schema.h"

namespace driftless::sqs {

void registerTypes(Registry& r) {
  const common::Service sqs{
      .name = "sqs",
      .errors = {.notFound = {"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"},
                 .conflict = {"QueueAlreadyExists", "QueueNameExists"}},
  };
  common::add(r, sqs, common::withInventory(queueTypeInfo(), queueInventory()), queueChangeEvents(),
              makeQueueProvider);
  common::add(r, sqs, common::withInventory(queuePolicyTypeInfo(), queuePolicyInventory()),
              queuePolicyChangeEvents(), makeQueuePolicyProvider);
  common::add(r, sqs, common::withInventory(queueInlinePolicyTypeInfo(), queuePolicyInventory()),
              queuePolicyChangeEvents(), makeQueueInlinePolicyProvider);
}

}  // namespace driftless::sqs
