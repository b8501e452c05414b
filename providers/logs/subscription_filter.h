#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::logs {

// AWS::Logs::SubscriptionFilter over the CloudWatch Logs JSON protocol: a log
// group's events streamed to a Kinesis stream, a Firehose stream or a Lambda
// function. Not taggable (owned through the state store). Observe:
// DescribeSubscriptionFilters on the log group, by name prefix; create and
// update are one PutSubscriptionFilter, which replaces the filter whole.
extern const common::MakeProvider makeSubscriptionFilterProvider;

}  // namespace driftless::logs
