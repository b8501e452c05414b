#include "providers/iam/register.h"

#include "providers/common/service.h"
#include "providers/iam/change_events.h"
#include "providers/iam/inline_policy.h"
#include "providers/iam/inline_policy_schema.h"
#include "providers/iam/instance_profile.h"
#include "providers/iam/instance_profile_schema.h"
#include "providers/iam/inventory.h"
#include "providers/iam/managed_policy.h"
#include "providers/iam/role.h"
#include "providers/iam/schema.h"

namespace driftless::iam {

void registerTypes(Registry& r) {
  // LimitExceeded is an account quota (too many roles): the user's to fix.
  const common::Service iam{
      .name = "iam",
      .errors = {.notFound = {"NoSuchEntity"}, .conflict = {"EntityAlreadyExists"}},
  };
  common::add(r, iam, common::withInventory(roleTypeInfo(), roleInventory()), roleChangeEvents(),
              makeRoleProvider);
  common::add(r, iam, common::withInventory(managedPolicyTypeInfo(), managedPolicyInventory()),
              managedPolicyChangeEvents(), makeManagedPolicyProvider);
  common::add(r, iam, common::withInventory(policyTypeInfo(), policyInventory()),
              policyChangeEvents(), makePolicyProvider);
  common::add(r, iam, common::withInventory(rolePolicyTypeInfo(), rolePolicyInventory()),
              rolePolicyChangeEvents(), makeRolePolicyProvider);
  common::add(r, iam, common::withInventory(instanceProfileTypeInfo(), instanceProfileInventory()),
              instanceProfileChangeEvents(), makeInstanceProfileProvider);
}

}  // namespace driftless::iam
