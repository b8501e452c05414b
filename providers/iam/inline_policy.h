#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::iam {

// AWS::IAM::Policy: an inline policy named PolicyName in each of Roles, Users
// and Groups. Observe: one Get{Role,User,Group}Policy per entity; create/update:
// Put...Policy; delete: Delete...Policy. A PolicyName change puts the new one
// and deletes the old one (in place, as CloudFormation does).
extern const common::MakeProvider makePolicyProvider;

// AWS::IAM::RolePolicy: the inline policy PolicyName of RoleName (both replace).
extern const common::MakeProvider makeRolePolicyProvider;

}  // namespace driftless::iam
