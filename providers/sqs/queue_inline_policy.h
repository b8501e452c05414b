#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::QueueInlinePolicy: the `Policy` attribute of the queue in Queue.
// Observe: one GetQueueAttributes (Policy only); create/update:
// SetQueueAttributes; delete: SetQueueAttributes with an empty Policy.
std::unique_ptr<Provider> makeQueueInlinePolicyProvider(const ProviderContext& ctx);

}  // namespace driftless::sqs
