#pragma once
// How `driftless unmanaged --all` lists this service's resources (TypeInfo::inventory).
#include "providers/common/inventory_spec.h"

namespace driftless::iam {

Inventory roleInventory();
Inventory managedPolicyInventory();
Inventory instanceProfileInventory();
Inventory policyInventory();
Inventory rolePolicyInventory();

}  // namespace driftless::iam
