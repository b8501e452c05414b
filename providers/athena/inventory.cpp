#include "providers/athena/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::athena {

Inventory workGroupInventory() {
  // The primary workgroup is AWS's.
  return Inventory{.arnMatch = "athena:workgroup/",
                   .calls = {common::jsonList("ListWorkGroups", "WorkGroups", "Name")},
                   .arn = "arn:{partition}:athena:{region}:{account}:workgroup/{value}",
                   .skipEnding = {":workgroup/primary"}};
}

}  // namespace driftless::athena
