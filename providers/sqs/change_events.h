#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::sqs {

std::vector<ChangeEventRule> queueChangeEvents();
std::vector<ChangeEventRule> queuePolicyChangeEvents();

}  // namespace driftless::sqs
