#pragma once
// AWS::Scheduler::Schedule as data: property schema, Ref/GetAtt, name rules and validation.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "providers/type_info.h"

namespace driftless::scheduler {

TypeInfo scheduleTypeInfo();

// StartDate/EndDate ("2030-01-01T00:00:00Z", fractions and +hh:mm offsets
// accepted) as seconds since the epoch, the wire's timestamp form; nullopt
// when it is not such a date.
std::optional<std::int64_t> epochSeconds(std::string_view iso);
// Seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string isoDate(std::int64_t seconds);

}  // namespace driftless::scheduler
