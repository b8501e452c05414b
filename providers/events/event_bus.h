#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::events {

// AWS::Events::EventBus over the EventBridge JSON protocol. Identity: the bus
// name. Observe: DescribeEventBus (description, KMS key, dead-letter queue and
// resource policy in one call) and ListTagsForResource.
extern const common::MakeProvider makeEventBusProvider;

}  // namespace driftless::events
