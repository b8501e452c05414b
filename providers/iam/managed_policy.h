#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::iam {

// AWS::IAM::ManagedPolicy over the IAM query protocol: documents as policy
// versions, attachments to roles, users and groups as sets.
std::unique_ptr<Provider> makeManagedPolicyProvider(const ProviderContext& ctx);

}  // namespace driftless::iam
