#pragma once
// AWS::Logs::LogGroup, MetricFilter and SubscriptionFilter as data: property schema,
// Ref/GetAtt, IAM actions, validation.
#include <cstdint>

#include "providers/type_info.h"

namespace driftless::logs {

TypeInfo logGroupTypeInfo();
TypeInfo metricFilterTypeInfo();
TypeInfo subscriptionFilterTypeInfo();

// The retention periods CloudWatch Logs accepts, in days.
bool validRetention(std::int64_t days);

}  // namespace driftless::logs
