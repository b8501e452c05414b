#include "providers/iam/iam.h"

namespace driftless::iam {

void registerTypes(Registry& registry) {
  registry.add(roleInfo(), makeRoleProvider);
  registry.add(managedPolicyInfo(), makeManagedPolicyProvider);
}

}  // namespace driftless::iam
