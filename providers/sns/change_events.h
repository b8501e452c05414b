#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::sns {

std::vector<ChangeEventRule> topicChangeEvents();
std::vector<ChangeEventRule> subscriptionChangeEvents();
std::vector<ChangeEventRule> topicPolicyChangeEvents();

}  // namespace driftless::sns
