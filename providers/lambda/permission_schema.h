#pragma once
// AWS::Lambda::Permission as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::lambda {

inline constexpr std::string_view kPermissionType = "AWS::Lambda::Permission";

TypeInfo permissionTypeInfo();
// Action lambda:<Operation>, FunctionUrlAuthType only with lambda:InvokeFunctionUrl,
// SourceAccount 12 digits, PrincipalOrgID o-....
std::vector<std::string> validatePermission(const Properties& props);

}  // namespace driftless::lambda
