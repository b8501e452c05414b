#include "providers/iam/iam.h"

#include "providers/iam/change_events.h"
#include "providers/iam/inline_policy.h"
#include "providers/iam/inline_policy_schema.h"

namespace driftless::iam {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(roleInfo(), roleChangeEvents()), makeRoleProvider);
  registry.add(withChangeEvents(managedPolicyInfo(), managedPolicyChangeEvents()),
               makeManagedPolicyProvider);
  registry.add(policyTypeInfo(), makePolicyProvider);
  registry.add(rolePolicyTypeInfo(), makeRolePolicyProvider);
}

}  // namespace driftless::iam
