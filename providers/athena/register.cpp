#include "providers/athena/register.h"

#include "providers/athena/change_events.h"
#include "providers/athena/schema.h"
#include "providers/athena/work_group.h"

namespace driftless::athena {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(workGroupTypeInfo(), workGroupChangeEvents()), makeWorkGroupProvider);
}

}  // namespace driftless::athena
