#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::logs {

// AWS::Logs::MetricFilter over the CloudWatch Logs JSON protocol. Not taggable
// (owned through the state store). Observe: DescribeMetricFilters on the log
// group, by name prefix; create and update are one PutMetricFilter.
extern const common::MakeProvider makeMetricFilterProvider;

}  // namespace driftless::logs
