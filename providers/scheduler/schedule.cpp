#include "providers/scheduler/schedule.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/scheduler/schema.h"

namespace driftless::scheduler {

namespace {

// The schedule's settings: CreateSchedule/UpdateSchedule body fields of the
// same names as the manifest's properties.
const std::vector<std::string_view> kSettings = {"Description",
                                                 "ScheduleExpression",
                                                 "ScheduleExpressionTimezone",
                                                 "FlexibleTimeWindow",
                                                 "State",
                                                 "KmsKeyArn",
                                                 "Target"};
constexpr std::string_view kIntegers[] = {"MaximumWindowInMinutes", "MaximumEventAgeInSeconds",
                                          "MaximumRetryAttempts"};

// Integers as JSON numbers at any depth (manifests may write "5").
Value apiValue(const Value& v) {
  if (!v.isObject()) return v;
  Value out = v;
  for (auto& [k, e] : out.asObject()) {
    bool integer = false;
    for (auto n : kIntegers)
      integer = integer || k == n;
    if (integer) {
      if (auto n = common::asJsonInt(e)) e = *n;
    } else {
      e = apiValue(e);
    }
  }
  return out;
}

// StartDate/EndDate travel as epoch seconds. The live one is reported as the
// manifest writes it when it is the same instant, else as a UTC date.
constexpr std::string_view kDates[] = {"StartDate", "EndDate"};

void observeDates(const Value& answer, const Properties& desired, Properties& out) {
  for (auto name : kDates) {
    const Value* v = answer.find(name);
    if (!v || !v->isNumber()) continue;
    auto seconds = static_cast<std::int64_t>(v->asDouble());
    const Value* d = desired.find(name);
    auto wanted = d ? epochSeconds(d->scalarText()) : std::nullopt;
    out[name] = wanted == seconds ? *d : Value(isoDate(seconds));
  }
}

class ScheduleProvider final : public common::ProviderBase {
 public:
  explicit ScheduleProvider(ProviderContext ctx)
      : ProviderBase(std::move(ctx), scheduleTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    aws::RestRequest req{.method = "GET",
                         .path = path(desired),
                         .query = groupQuery(desired),
                         .operation = "GetSchedule"};
    auto r = co_await send(std::move(req));
    if (!r) co_return common::absentOr(r.error());
    Observed o;
    o.exists = true;
    o.physicalId = this->name(desired);
    o.properties["Name"] = Value(o.physicalId);
    if (desired.properties.find("GroupName")) o.properties["GroupName"] = Value(group(desired));
    for (auto s : kSettings)
      if (const Value* v = r->find(s); v && !v->isNull()) o.properties[s] = *v;
    observeDates(*r, desired.properties, o.properties);
    o.attributes["Arn"] = Value(r->find("Arn") ? r->find("Arn")->scalarText() : "");
    co_return o;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    aws::RestRequest req{.method = "POST",
                         .path = path(desired),
                         .body = body(desired, nullptr).toJson(),
                         .operation = "CreateSchedule"};
    auto r = co_await send(std::move(req));
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    aws::RestRequest req{.method = "PUT",
                         .path = path(desired),
                         .body = body(desired, &live).toJson(),
                         .operation = "UpdateSchedule"};
    auto r = co_await send(std::move(req));
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    aws::RestRequest req{.method = "DELETE",
                         .path = path(desired),
                         .query = groupQuery(desired),
                         .operation = "DeleteSchedule"};
    auto r = co_await send(std::move(req));
    co_return common::deleted(r);
  }

 private:
  std::string group(const Desired& d) const {
    const Value* g = d.properties.find("GroupName");
    return g ? g->scalarText() : "default";
  }
  std::string path(const Desired& d) const { return "/schedules/" + this->name(d); }
  aws::Params groupQuery(const Desired& d) const {
    aws::Params q;
    q.emplace_back("groupName", group(d));
    return q;
  }

  // The request body: the manifest's settings and, with `live`, the live value
  // of each setting it does not manage (UpdateSchedule resets what it is not given).
  Value body(const Desired& d, const Observed* live) const {
    Value b = Value::object();
    b["GroupName"] = Value(group(d));
    b["ClientToken"] = Value(common::requestToken());
    for (auto s : kSettings) {
      const Value* v = d.properties.find(s);
      if (!v && live) v = live->properties.find(s);
      if (v) b[s] = apiValue(*v);
    }
    for (auto name : kDates) {
      const Value* v = d.properties.find(name);
      if (!v && live) v = live->properties.find(name);
      if (auto seconds = v ? epochSeconds(v->scalarText()) : std::nullopt)
        b[name] = Value(*seconds);
    }
    return b;
  }

  Awaitable<Result<Value>> send(aws::RestRequest req) {
    const std::string action = "scheduler:" + req.operation;
    req.headers.emplace_back("Content-Type", "application/json");
    auto r = co_await ctx_.aws->rest("scheduler", std::move(req));
    if (!r) co_return fail(common::classify(r.error(), action));
    if (r->body.empty()) co_return Value::object();
    auto v = Value::fromJson(r->body);
    if (!v) co_return fail(ErrorKind::Fatal, action + ": the response is not JSON");
    co_return *v;
  }
};

}  // namespace

const common::MakeProvider makeScheduleProvider = common::make<ScheduleProvider>;

}  // namespace driftless::scheduler
