#include "providers/scheduler/change_events.h"

namespace driftless::scheduler {

std::vector<ChangeEventRule> scheduleChangeEvents() {
  return {{"scheduler.amazonaws.com",
           {"UpdateSchedule", "DeleteSchedule"},
           {"requestParameters.name", "requestParameters.Name"}}};
}

}  // namespace driftless::scheduler
