#pragma once
// AWS::Athena::WorkGroup as data: property schema, Ref/GetAtt, name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::athena {

inline constexpr std::string_view kWorkGroupType = "AWS::Athena::WorkGroup";

// Properties that only steer a call and are never observed (the delete's).
inline constexpr std::string_view kNotObserved[] = {"RecursiveDeleteOption"};

TypeInfo workGroupTypeInfo();
// Name: 1-128 of [A-Za-z0-9._-], not "primary" (Athena's own); OutputLocation
// an s3:// URI; a KMS encryption option needs KmsKey.
std::vector<std::string> validateWorkGroup(const Properties& props);

}  // namespace driftless::athena
