#pragma once
// AWS::IAM::InstanceProfile as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::iam {

inline constexpr std::string_view kInstanceProfileType = "AWS::IAM::InstanceProfile";

TypeInfo instanceProfileTypeInfo();
// InstanceProfileName 1-128 of IAM's name characters; Path "/.../"; Roles: one
// role name at most (IAM's limit).
std::vector<std::string> validateInstanceProfile(const Properties& props);

}  // namespace driftless::iam
