#pragma once
// How `driftless unmanaged --all` lists this service's resources (TypeInfo::inventory).
#include "providers/common/inventory_spec.h"

namespace driftless::glue {

Inventory databaseInventory();
Inventory tableInventory();
Inventory jobInventory();
Inventory crawlerInventory();

}  // namespace driftless::glue
