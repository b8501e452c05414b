#include "providers/sqs/register.h"

#include "providers/common/service.h"
#include "providers/sqs/inventory.h"
#include "providers/sqs/queue.h"
#include "providers/sqs/queue_inline_policy.h"
#include "providers/sqs/queue_inline_policy_schema.h"
#include "providers/sqs/queue_policy.h"
#include "providers/sqs/queue_policy_schema.h"
#include "providers/sqs/schema.h"

namespace driftless::sqs {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(queueTypeInfo(), queueInventory(), makeQueueProvider,
                    {{{"SetQueueAttributes", "TagQueue", "UntagQueue", "DeleteQueue",
                       "AddPermission", "RemovePermission"},
                      {"requestParameters.queueUrl"}}}),
       // The policy is the queue's Policy attribute; its id is its queues' ids, '|'-joined.
       common::Type(queuePolicyTypeInfo(), queuePolicyInventory(), makeQueuePolicyProvider,
                    {{{"SetQueueAttributes", "DeleteQueue"}, {"requestParameters.queueUrl"}}}),
       // One queue's policy: the same attribute, the same events.
       common::Type(queueInlinePolicyTypeInfo(), queuePolicyInventory(),
                    makeQueueInlinePolicyProvider,
                    {{{"SetQueueAttributes", "DeleteQueue"}, {"requestParameters.queueUrl"}}})},
      {.name = "sqs",
       .errors = {.notFound = {"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"},
                  .conflict = {"QueueAlreadyExists", "QueueNameExists"}}});
}

}  // namespace driftless::sqs
