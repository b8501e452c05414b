#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::logs {

std::vector<ChangeEventRule> logGroupChangeEvents();
std::vector<ChangeEventRule> metricFilterChangeEvents();
std::vector<ChangeEventRule> subscriptionFilterChangeEvents();

}  // namespace driftless::logs
