#pragma once
// How `driftless unmanaged --all` lists this service's resources (TypeInfo::inventory).
#include "providers/common/inventory_spec.h"

namespace driftless::logs {

Inventory logGroupInventory();
Inventory metricFilterInventory();
Inventory subscriptionFilterInventory();

}  // namespace driftless::logs
