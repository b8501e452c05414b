#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::events {

std::vector<ChangeEventRule> eventBusChangeEvents();
std::vector<ChangeEventRule> ruleChangeEvents();

}  // namespace driftless::events
