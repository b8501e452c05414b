#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::iam {

// AWS::IAM::InstanceProfile. Observe: one GetInstanceProfile (roles and tags
// included). Create: CreateInstanceProfile with the ownership tags, then
// AddRoleToInstanceProfile; update: add/remove the role difference; delete:
// remove its roles, then DeleteInstanceProfile.
extern const common::MakeProvider makeInstanceProfileProvider;

}  // namespace driftless::iam
