#include "providers/scheduler/register.h"

#include "providers/common/service.h"
#include "providers/scheduler/change_events.h"
#include "providers/scheduler/inventory.h"
#include "providers/scheduler/schedule.h"
#include "providers/scheduler/schema.h"

namespace driftless::scheduler {

void registerTypes(Registry& r) {
  const common::Service schedulerService{
      .name = "scheduler",
      .errors = {.notFound = {"ResourceNotFoundException"}, .conflict = {"ConflictException"}},
  };
  common::add(r, schedulerService, common::withInventory(scheduleTypeInfo(), scheduleInventory()),
              scheduleChangeEvents(), makeScheduleProvider);
}

}  // namespace driftless::scheduler
