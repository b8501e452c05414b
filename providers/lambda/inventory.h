#pragma once
// How `driftless unmanaged --all` lists this service's resources (TypeInfo::inventory).
#include "providers/common/inventory_spec.h"

namespace driftless::lambda {

Inventory functionInventory();
Inventory permissionInventory();
Inventory eventSourceMappingInventory();
Inventory versionInventory();
Inventory aliasInventory();
Inventory layerVersionInventory();

}  // namespace driftless::lambda
