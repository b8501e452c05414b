#include "providers/iam/iam.h"

#include "providers/iam/change_events.h"
#include "providers/iam/inline_policy.h"
#include "providers/iam/inline_policy_schema.h"
#include "providers/iam/instance_profile.h"
#include "providers/iam/instance_profile_schema.h"

namespace driftless::iam {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(roleInfo(), roleChangeEvents()), makeRoleProvider);
  registry.add(withChangeEvents(managedPolicyInfo(), managedPolicyChangeEvents()),
               makeManagedPolicyProvider);
  registry.add(policyTypeInfo(), makePolicyProvider);
  registry.add(rolePolicyTypeInfo(), makeRolePolicyProvider);
  registry.add(instanceProfileTypeInfo(), makeInstanceProfileProvider);
}

}  // namespace driftless::iam
