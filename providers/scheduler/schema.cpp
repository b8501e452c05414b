#include "providers/scheduler/schema.h"

#include <cstdio>
#include <ctime>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::scheduler {

std::optional<std::int64_t> epochSeconds(std::string_view iso) {
  std::tm tm{};
  std::string text(iso);
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!rest || tm.tm_year < 70 || tm.tm_year > 300) return std::nullopt;
  if (*rest == '.')
    for (++rest; *rest >= '0' && *rest <= '9';)
      ++rest;
  std::int64_t offset = 0;
  if (*rest == '+' || *rest == '-') {
    int h = 0, m = 0;
    if (std::sscanf(rest + 1, "%2d:%2d", &h, &m) != 2 || std::string_view(rest + 1).size() != 5)
      return std::nullopt;
    offset = (*rest == '+' ? 1 : -1) * (h * 3600 + m * 60);
  } else if (std::string_view(rest) != "Z") {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

std::string isoDate(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Name and GroupName: 1-64 of [A-Za-z0-9._-]; ScheduleExpression at(), rate()
// or cron(); FlexibleTimeWindow: MaximumWindowInMinutes 1-1440 iff Mode FLEXIBLE;
// Target.Input valid JSON text.
static std::vector<std::string> validateSchedule(const Properties& props) {
  std::vector<std::string> out;
  for (const char* p : {"Name", "GroupName"})
    common::checkNameChars(props, p, 64, "._-", out);
  if (auto e = common::stringLike(props.find("ScheduleExpression"));
      e && !e->starts_with("at(") && !e->starts_with("rate(") && !e->starts_with("cron("))
    out.push_back("ScheduleExpression: must be at(...), rate(...) or cron(...)");
  if (const Value* w = props.find("FlexibleTimeWindow"); w && w->isObject()) {
    bool flexible = common::stringLike(w->find("Mode")) == "FLEXIBLE";
    if (flexible != (w->find("MaximumWindowInMinutes") != nullptr))
      out.push_back(
          "FlexibleTimeWindow: MaximumWindowInMinutes is required with Mode FLEXIBLE, and only "
          "then");
    common::checkRange(*w, "MaximumWindowInMinutes", 1, 1440, out, "FlexibleTimeWindow.");
  }
  std::optional<std::int64_t> start, end;
  for (const char* p : {"StartDate", "EndDate"})
    if (auto d = common::stringLike(props.find(p))) {
      auto seconds = epochSeconds(*d);
      if (!seconds)
        out.push_back(std::string(p) + ": \"" + *d + "\" is not a date like 2030-01-01T00:00:00Z");
      (p[0] == 'S' ? start : end) = seconds;
    }
  if (start && end && *end <= *start) out.push_back("EndDate: must be after StartDate");
  if (const Value* t = props.find("Target"); t && t->isObject())
    if (auto input = common::stringLike(t->find("Input")); input && !Value::fromJson(*input))
      out.push_back("Target.Input: must be valid JSON text");
  return out;
}

TypeInfo scheduleTypeInfo() {
  TypeInfo t = common::declared("AWS::Scheduler::Schedule", validateSchedule);
  // The database says Number; the Scheduler API takes whole minutes, seconds and attempts.
  for (auto path :
       {"FlexibleTimeWindow.MaximumWindowInMinutes", "Target.RetryPolicy.MaximumEventAgeInSeconds",
        "Target.RetryPolicy.MaximumRetryAttempts"})
    common::at(t.properties, path).kind = PropertySpec::Kind::Integer;
  return t;
}

}  // namespace driftless::scheduler
