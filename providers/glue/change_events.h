#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::glue {

std::vector<ChangeEventRule> databaseChangeEvents();
std::vector<ChangeEventRule> tableChangeEvents();
std::vector<ChangeEventRule> jobChangeEvents();
std::vector<ChangeEventRule> crawlerChangeEvents();

}  // namespace driftless::glue
