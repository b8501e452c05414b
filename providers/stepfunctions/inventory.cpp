#include "providers/stepfunctions/inventory.h"

namespace driftless::stepfunctions {

using P = InventoryCall::Protocol;

Inventory stateMachineInventory() {
  return Inventory{.arnMatch = "states:stateMachine:",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListStateMachines",
                              .items = "stateMachines",
                              .field = "stateMachineArn",
                              .tokenIn = "nextToken",
                              .tokenOut = "nextToken"}}};
}

}  // namespace driftless::stepfunctions
