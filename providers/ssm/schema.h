#pragma once
// AWS::SSM::Parameter as data: property schema, Ref/GetAtt, IAM actions,
// validation, and the Value's secrecy that depends on Type.
#include <string>
#include <string_view>

#include "providers/type_info.h"

namespace driftless::ssm {

TypeInfo parameterTypeInfo();

// SSM parameter name rules: [A-Za-z0-9_.-/], at most 2048 characters, not
// starting with "aws" or "ssm", a hierarchical name starts with "/" and has at
// most 15 levels. Returns the problem, or "" when valid.
std::string parameterNameProblem(std::string_view name);

}  // namespace driftless::ssm
