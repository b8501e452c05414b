#include "providers/stepfunctions/register.h"

#include "providers/common/service.h"
#include "providers/stepfunctions/change_events.h"
#include "providers/stepfunctions/inventory.h"
#include "providers/stepfunctions/schema.h"
#include "providers/stepfunctions/state_machine.h"

namespace driftless::stepfunctions {

void registerTypes(Registry& r) {
  const common::Service stepfunctionsService{
      .name = "states",
      .errors = {.notFound = {"StateMachineDoesNotExist", "ResourceNotFound"},
                 .conflict = {"StateMachineAlreadyExists"}},
  };
  common::add(r, stepfunctionsService,
              common::withInventory(stateMachineTypeInfo(), stateMachineInventory()),
              stateMachineChangeEvents(), makeStateMachineProvider);
}

}  // namespace driftless::stepfunctions
