#pragma once
// AWS::Athena::WorkGroup as data: property schema, Ref/GetAtt, name rules and validation.
#include <string_view>

#include "providers/type_info.h"

namespace driftless::athena {

// Properties that only steer a call and are never observed (the delete's).
inline constexpr std::string_view kNotObserved[] = {"RecursiveDeleteOption"};

TypeInfo workGroupTypeInfo();

}  // namespace driftless::athena
