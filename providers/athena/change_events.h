#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::athena {

std::vector<ChangeEventRule> workGroupChangeEvents();

}  // namespace driftless::athena
