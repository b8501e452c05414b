#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::iam {

// AWS::IAM::ManagedPolicy over the IAM query protocol: documents as policy
// versions, attachments to roles, users and groups as sets.
extern const common::MakeProvider makeManagedPolicyProvider;

}  // namespace driftless::iam
