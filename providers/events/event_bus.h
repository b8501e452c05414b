#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::events {

// AWS::Events::EventBus over the EventBridge JSON protocol. Identity: the bus
// name. Observe: DescribeEventBus (description, KMS key, dead-letter queue and
// resource policy in one call) and ListTagsForResource.
std::unique_ptr<Provider> makeEventBusProvider(const ProviderContext& ctx);

}  // namespace driftless::events
