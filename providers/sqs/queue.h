#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::Queue over the SQS JSON protocol. Observe: GetQueueUrl,
// GetQueueAttributes (all attributes in one call) and ListQueueTags.
std::unique_ptr<Provider> makeQueueProvider(const ProviderContext& ctx);

}  // namespace driftless::sqs
