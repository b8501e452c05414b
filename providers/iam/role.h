#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::iam {

// AWS::IAM::Role over the IAM query protocol: inline policies and managed
// policy attachments are managed as sets.
std::unique_ptr<Provider> makeRoleProvider(const ProviderContext& ctx);

}  // namespace driftless::iam
