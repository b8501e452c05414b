#include "providers/stepfunctions/register.h"

#include "providers/common/service.h"
#include "providers/stepfunctions/inventory.h"
#include "providers/stepfunctions/schema.h"
#include "providers/stepfunctions/state_machine.h"

namespace driftless::stepfunctions {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(stateMachineTypeInfo(), stateMachineInventory(), makeStateMachineProvider,
                    {{{"UpdateStateMachine", "DeleteStateMachine", "TagResource", "UntagResource"},
                      {"requestParameters.stateMachineArn", "requestParameters.resourceArn"}}})},
      {.name = "states",
       .errors = {.notFound = {"StateMachineDoesNotExist", "ResourceNotFound"},
                  .conflict = {"StateMachineAlreadyExists"}}});
}

}  // namespace driftless::stepfunctions
