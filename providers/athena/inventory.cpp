#include "providers/athena/inventory.h"

namespace driftless::athena {

using P = InventoryCall::Protocol;

Inventory workGroupInventory() {
  // The primary workgroup is AWS's.
  return Inventory{.arnMatch = "athena:workgroup/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListWorkGroups",
                              .items = "WorkGroups",
                              .field = "Name",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .arn = "arn:{partition}:athena:{region}:{account}:workgroup/{value}",
                   .skipEnding = {":workgroup/primary"}};
}

}  // namespace driftless::athena
