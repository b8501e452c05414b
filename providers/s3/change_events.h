#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::s3 {

std::vector<ChangeEventRule> bucketChangeEvents();
std::vector<ChangeEventRule> bucketPolicyChangeEvents();

}  // namespace driftless::s3
