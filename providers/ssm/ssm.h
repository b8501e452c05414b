#pragma once
#include "providers/registry.h"

namespace driftless::ssm {

// AWS::SSM::Parameter.
TypeInfo parameterInfo();
std::unique_ptr<Provider> makeParameterProvider(const ProviderContext& ctx);
void registerTypes(Registry& registry);

// SSM parameter name rules: [A-Za-z0-9_.-/], at most 2048 characters, not
// starting with "aws" or "ssm", a hierarchical name starts with "/" and has at
// most 15 levels. Returns the problem, or "" when valid.
std::string parameterNameProblem(std::string_view name);

}  // namespace driftless::ssm
