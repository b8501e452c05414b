#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::Function over the Lambda REST API. Observe: GetFunction and ListTags.
std::unique_ptr<Provider> makeFunctionProvider(const ProviderContext& ctx);

}  // namespace driftless::lambda
