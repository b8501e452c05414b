#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::ecr {

std::vector<ChangeEventRule> repositoryChangeEvents();

}  // namespace driftless::ecr
