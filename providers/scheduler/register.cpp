#include "providers/scheduler/register.h"

#include "providers/common/service.h"
#include "providers/scheduler/inventory.h"
#include "providers/scheduler/schedule.h"
#include "providers/scheduler/schema.h"

namespace driftless::scheduler {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(scheduleTypeInfo(), scheduleInventory(), makeScheduleProvider,
                    {{{"UpdateSchedule", "DeleteSchedule"},
                      {"requestParameters.name", "requestParameters.Name"}}})},
      {.name = "scheduler",
       .errors = {.notFound = {"ResourceNotFoundException"}, .conflict = {"ConflictException"}}});
}

}  // namespace driftless::scheduler
