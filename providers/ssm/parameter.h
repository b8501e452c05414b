#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::ssm {

// AWS::SSM::Parameter over the SSM JSON protocol. Observe: GetParameter (with
// decryption, compared as a keyed hash), DescribeParameters and ListTagsForResource.
extern const common::MakeProvider makeParameterProvider;

}  // namespace driftless::ssm
