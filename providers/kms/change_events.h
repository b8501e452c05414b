#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::kms {

std::vector<ChangeEventRule> keyChangeEvents();
std::vector<ChangeEventRule> aliasChangeEvents();

}  // namespace driftless::kms
