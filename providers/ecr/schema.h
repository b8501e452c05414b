#pragma once
// AWS::ECR::Repository as data: property schema, Ref/GetAtt, name rules and validation.
#include <string_view>

#include "providers/type_info.h"

namespace driftless::ecr {

// Properties that only steer a call and are never observed (the delete's).
inline constexpr std::string_view kNotObserved[] = {"EmptyOnDelete"};

TypeInfo repositoryTypeInfo();

}  // namespace driftless::ecr
