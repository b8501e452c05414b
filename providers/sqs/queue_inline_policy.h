#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::QueueInlinePolicy: the `Policy` attribute of the queue in Queue.
// Observe: one GetQueueAttributes (Policy only); create/update:
// SetQueueAttributes; delete: SetQueueAttributes with an empty Policy.
extern const common::MakeProvider makeQueueInlinePolicyProvider;

}  // namespace driftless::sqs
