#pragma once
#include <memory>
#include <string>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::Queue over the SQS JSON protocol. Observe: GetQueueUrl,
// GetQueueAttributes (all attributes in one call) and ListQueueTags.
extern const common::MakeProvider makeQueueProvider;

// CreateQueue's error as the reconciler should see it: QueueDeletedRecently
// (the name is blocked for 60 s after a delete) is kind Waiting, retry in 60 s.
Error createQueueError(Error e, const std::string& name);

}  // namespace driftless::sqs
