#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::iam {

std::vector<ChangeEventRule> roleChangeEvents();
std::vector<ChangeEventRule> managedPolicyChangeEvents();
std::vector<ChangeEventRule> policyChangeEvents();
std::vector<ChangeEventRule> rolePolicyChangeEvents();
std::vector<ChangeEventRule> instanceProfileChangeEvents();

}  // namespace driftless::iam
