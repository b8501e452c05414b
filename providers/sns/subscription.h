#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sns {

// AWS::SNS::Subscription. Not taggable: found by its ARN (Desired.physicalId,
// from state) or, before that is known, by (TopicArn, Protocol, Endpoint).
extern const common::MakeProvider makeSubscriptionProvider;

}  // namespace driftless::sns
