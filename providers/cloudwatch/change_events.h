#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::cloudwatch {

std::vector<ChangeEventRule> alarmChangeEvents();

}  // namespace driftless::cloudwatch
