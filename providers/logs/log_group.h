#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::logs {

// AWS::Logs::LogGroup over the CloudWatch Logs JSON protocol. Observe:
// DescribeLogGroups (by prefix) and ListTagsForResource.
std::unique_ptr<Provider> makeLogGroupProvider(const ProviderContext& ctx);

}  // namespace driftless::logs
