#pragma once
// AWS::IAM::Policy and AWS::IAM::RolePolicy (inline policies) as data.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::iam {

inline constexpr std::string_view kPolicyType = "AWS::IAM::Policy";
inline constexpr std::string_view kRolePolicyType = "AWS::IAM::RolePolicy";

TypeInfo policyTypeInfo();
TypeInfo rolePolicyTypeInfo();
// PolicyName 1-128 of [A-Za-z0-9_+=,.@-]; at least one of Roles, Users, Groups,
// each a name (not an ARN).
std::vector<std::string> validatePolicy(const Properties& props);
// PolicyName and RoleName as names; PolicyDocument required (PutRolePolicy needs one).
std::vector<std::string> validateRolePolicy(const Properties& props);

// Adds "<property>: ... must be 1 to <max> of letters, digits and _+=,.@-" (IAM's name rule).
void checkIamName(const Properties& props, std::string_view property, std::size_t max,
                  std::vector<std::string>& out);

}  // namespace driftless::iam
