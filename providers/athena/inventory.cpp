#include "providers/athena/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::athena {

Inventory workGroupInventory() {
  // The primary workgroup is AWS's.
  return common::listedByName(
      "athena", "workgroup", common::jsonList("ListWorkGroups", "WorkGroups", "Name"), {"primary"});
}

}  // namespace driftless::athena
