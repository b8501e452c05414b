#pragma once
// AWS::IAM::Role and AWS::IAM::ManagedPolicy as data: property schema,
// Ref/GetAtt, IAM actions, validation (IAM's name and path rules).
#include <cstddef>
#include <string_view>

#include "providers/type_info.h"

namespace driftless::iam {

TypeInfo roleTypeInfo();
TypeInfo managedPolicyTypeInfo();

// IAM name rules shared by roles and policies: 1..max of [A-Za-z0-9_+=,.@-].
bool validIamName(std::string_view name, std::size_t max);
// An IAM path: "/" or "/segment/.../" of printable ASCII, at most 512 characters.
bool validIamPath(std::string_view path);

}  // namespace driftless::iam
