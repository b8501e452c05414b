#include "providers/scheduler/register.h"

#include "providers/scheduler/change_events.h"
#include "providers/scheduler/schedule.h"
#include "providers/scheduler/schema.h"

namespace driftless::scheduler {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(scheduleTypeInfo(), scheduleChangeEvents()), makeScheduleProvider);
}

}  // namespace driftless::scheduler
