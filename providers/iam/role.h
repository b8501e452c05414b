#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::iam {

// AWS::IAM::Role over the IAM query protocol: inline policies and managed
// policy attachments are managed as sets.
extern const common::MakeProvider makeRoleProvider;

}  // namespace driftless::iam
