#include "providers/stepfunctions/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::stepfunctions {

Inventory stateMachineInventory() {
  return common::listed(
      "states:stateMachine:",
      {common::jsonList("ListStateMachines", "stateMachines", "stateMachineArn", "nextToken")});
}

}  // namespace driftless::stepfunctions
