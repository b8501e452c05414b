#pragma once
#include <memory>
#include <string>

#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::Queue over the SQS JSON protocol. Observe: GetQueueUrl,
// GetQueueAttributes (all attributes in one call) and ListQueueTags.
std::unique_ptr<Provider> makeQueueProvider(const ProviderContext& ctx);

// CreateQueue's error as the reconciler should see it: QueueDeletedRecently
// (the name is blocked for 60 s after a delete) is kind Waiting, retry in 60 s.
Error createQueueError(Error e, const std::string& name);

}  // namespace driftless::sqs
