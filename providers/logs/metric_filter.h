#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::logs {

// AWS::Logs::MetricFilter over the CloudWatch Logs JSON protocol. Not taggable
// (owned through the state store). Observe: DescribeMetricFilters on the log
// group, by name prefix; create and update are one PutMetricFilter.
std::unique_ptr<Provider> makeMetricFilterProvider(const ProviderContext& ctx);

}  // namespace driftless::logs
