#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::sns {

// AWS::SNS::Topic over the SNS query protocol. Observe: GetTopicAttributes on
// the topic's ARN (built from account and region; CreateTopic is never used to
// look a topic up, it would create it) and ListTagsForResource.
std::unique_ptr<Provider> makeTopicProvider(const ProviderContext& ctx);

// AWS::SNS::Subscription. Not taggable: found by its ARN (Desired.physicalId,
// from state) or, before that is known, by (TopicArn, Protocol, Endpoint).
std::unique_ptr<Provider> makeSubscriptionProvider(const ProviderContext& ctx);

}  // namespace driftless::sns
