#pragma once
// AWS::Lambda::Version and AWS::Lambda::Alias as data.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::lambda {

inline constexpr std::string_view kVersionType = "AWS::Lambda::Version";
inline constexpr std::string_view kAliasType = "AWS::Lambda::Alias";

TypeInfo versionTypeInfo();
TypeInfo aliasTypeInfo();
// Alias Name 1-128 of [A-Za-z0-9_-], not only digits; weights between 0 and 1.
std::vector<std::string> validateAlias(const Properties& props);

}  // namespace driftless::lambda
