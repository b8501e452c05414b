#pragma once
// The CloudTrail write events that change this service's resources (TypeInfo::changeEvents).
#include <vector>

#include "providers/type_info.h"

namespace driftless::lambda {

std::vector<ChangeEventRule> functionChangeEvents();
std::vector<ChangeEventRule> permissionChangeEvents();
std::vector<ChangeEventRule> eventSourceMappingChangeEvents();
std::vector<ChangeEventRule> versionChangeEvents();
std::vector<ChangeEventRule> aliasChangeEvents();
std::vector<ChangeEventRule> layerVersionChangeEvents();

}  // namespace driftless::lambda
