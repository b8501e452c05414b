#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::QueuePolicy: the `Policy` attribute of each queue in Queues.
// Observe: one GetQueueAttributes (Policy only) per queue; create/update:
// SetQueueAttributes; delete: SetQueueAttributes with an empty Policy.
std::unique_ptr<Provider> makeQueuePolicyProvider(const ProviderContext& ctx);

}  // namespace driftless::sqs
