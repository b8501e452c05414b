#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::Function over the Lambda REST API. Observe: GetFunction and ListTags.
extern const common::MakeProvider makeFunctionProvider;

}  // namespace driftless::lambda
