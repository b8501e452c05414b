#pragma once
#include "providers/registry.h"

namespace driftless::lambda {

// AWS::Lambda::Function.
TypeInfo functionInfo();
void registerTypes(Registry& registry);

}  // namespace driftless::lambda
