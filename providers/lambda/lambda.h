#pragma once
#include "providers/registry.h"

namespace driftless::lambda {

// AWS::Lambda::Function.
TypeInfo functionInfo();
std::unique_ptr<Provider> makeFunctionProvider(const ProviderContext& ctx);
void registerTypes(Registry& registry);

}  // namespace driftless::lambda
