#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::QueuePolicy: the `Policy` attribute of each queue in Queues.
// Observe: one GetQueueAttributes (Policy only) per queue; create/update:
// SetQueueAttributes; delete: SetQueueAttributes with an empty Policy.
extern const common::MakeProvider makeQueuePolicyProvider;

}  // namespace driftless::sqs
