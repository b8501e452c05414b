#pragma once
// AWS::Scheduler::Schedule as data: property schema, Ref/GetAtt, name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::scheduler {

inline constexpr std::string_view kScheduleType = "AWS::Scheduler::Schedule";

TypeInfo scheduleTypeInfo();
// Name and GroupName: 1-64 of [A-Za-z0-9._-]; ScheduleExpression at(), rate()
// or cron(); FlexibleTimeWindow: MaximumWindowInMinutes 1-1440 iff Mode FLEXIBLE;
// Target.Input valid JSON text.
std::vector<std::string> validateSchedule(const Properties& props);

}  // namespace driftless::scheduler
