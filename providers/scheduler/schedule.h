#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::scheduler {

// AWS::Scheduler::Schedule over the EventBridge Scheduler REST-JSON protocol.
// Identity: the schedule group (GroupName, "default" when absent) and Name.
// Observe: one GetSchedule. Schedules cannot be tagged: ownership is the state
// entry. UpdateSchedule replaces the whole schedule, so a change sends the
// manifest's settings plus the live value of every setting it does not manage.
extern const common::MakeProvider makeScheduleProvider;

}  // namespace driftless::scheduler
