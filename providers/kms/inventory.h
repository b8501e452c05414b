#pragma once
// How `driftless unmanaged --all` lists this service's resources (TypeInfo::inventory).
#include "providers/common/inventory_spec.h"

namespace driftless::kms {

Inventory keyInventory();
Inventory aliasInventory();

}  // namespace driftless::kms
