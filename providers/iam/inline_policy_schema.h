#pragma once
// AWS::IAM::Policy and AWS::IAM::RolePolicy (inline policies) as data.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::iam {

TypeInfo policyTypeInfo();
TypeInfo rolePolicyTypeInfo();

// Adds "<property>: ... must be 1 to <max> of letters, digits and _+=,.@-" (IAM's name rule).
void checkIamName(const Properties& props, std::string_view property, std::size_t max,
                  std::vector<std::string>& out);

}  // namespace driftless::iam
