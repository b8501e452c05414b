#include "providers/stepfunctions/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::stepfunctions {

Inventory stateMachineInventory() {
  return Inventory{.arnMatch = "states:stateMachine:",
                   .calls = {common::jsonList("ListStateMachines", "stateMachines",
                                              "stateMachineArn", "nextToken")}};
}

}  // namespace driftless::stepfunctions
