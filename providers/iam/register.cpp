#include "providers/iam/iam.h"

namespace driftless::iam {

void registerTypes(Registry& registry) {
  registry.add(roleInfo(), nullptr);
  registry.add(managedPolicyInfo(), nullptr);
}

}  // namespace driftless::iam
