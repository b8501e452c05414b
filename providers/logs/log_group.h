#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::logs {

// AWS::Logs::LogGroup over the CloudWatch Logs JSON protocol. Observe:
// DescribeLogGroups (by prefix) and ListTagsForResource.
extern const common::MakeProvider makeLogGroupProvider;

}  // namespace driftless::logs
