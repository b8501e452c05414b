#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sns {

// AWS::SNS::Topic over the SNS query protocol. Observe: GetTopicAttributes on
// the topic's ARN (built from account and region; CreateTopic is never used to
// look a topic up, it would create it) and ListTagsForResource.
extern const common::MakeProvider makeTopicProvider;

}  // namespace driftless::sns
