#include "providers/iam/iam.h"

#include "providers/iam/change_events.h"

namespace driftless::iam {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(roleInfo(), roleChangeEvents()), makeRoleProvider);
  registry.add(withChangeEvents(managedPolicyInfo(), managedPolicyChangeEvents()),
               makeManagedPolicyProvider);
}

}  // namespace driftless::iam
