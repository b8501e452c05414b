#include "providers/stepfunctions/register.h"

#include "providers/stepfunctions/change_events.h"
#include "providers/stepfunctions/schema.h"
#include "providers/stepfunctions/state_machine.h"

namespace driftless::stepfunctions {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(stateMachineTypeInfo(), stateMachineChangeEvents()),
        makeStateMachineProvider);
}

}  // namespace driftless::stepfunctions
