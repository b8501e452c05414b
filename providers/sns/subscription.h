#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::sns {

// AWS::SNS::Subscription. Not taggable: found by its ARN (Desired.physicalId,
// from state) or, before that is known, by (TopicArn, Protocol, Endpoint).
std::unique_ptr<Provider> makeSubscriptionProvider(const ProviderContext& ctx);

}  // namespace driftless::sns
