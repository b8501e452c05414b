#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::ssm {

// AWS::SSM::Parameter over the SSM JSON protocol. Observe: GetParameter (with
// decryption, compared as a keyed hash), DescribeParameters and ListTagsForResource.
std::unique_ptr<Provider> makeParameterProvider(const ProviderContext& ctx);

}  // namespace driftless::ssm
