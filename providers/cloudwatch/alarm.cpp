#include "providers/cloudwatch/alarm.h"

#include <algorithm>

#include "providers/aws/client.h"
#include "providers/cloudwatch/schema.h"
#include "providers/common/errors.h"
#include "providers/common/json_service.h"
#include "providers/common/tags.h"
#include "providers/compare.h"

namespace driftless::cloudwatch {

namespace {

// PutMetricAlarm's scalar parameters, named as the manifest names them.
const std::vector<std::string_view> kScalars = {"AlarmDescription",
                                                "ActionsEnabled",
                                                "MetricName",
                                                "Namespace",
                                                "Statistic",
                                                "ExtendedStatistic",
                                                "Period",
                                                "Unit",
                                                "EvaluationPeriods",
                                                "DatapointsToAlarm",
                                                "Threshold",
                                                "ComparisonOperator",
                                                "TreatMissingData",
                                                "EvaluateLowSampleCountPercentile"};
const std::vector<std::string_view> kIntegers = {"Period", "EvaluationPeriods",
                                                 "DatapointsToAlarm"};
const std::vector<std::string_view> kLists = {"AlarmActions", "OKActions",
                                              "InsufficientDataActions", "Dimensions"};

bool in(const std::vector<std::string_view>& names, std::string_view n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

// A list property as query parameters: <name>.member.N, or for objects
// (dimensions, tags) <name>.member.N.<field>.
void addList(aws::Params& params, std::string_view name, const Value& list) {
  if (!list.isArray()) return;
  std::size_t i = 0;
  for (const auto& e : list.asArray()) {
    const std::string prefix = std::string(name) + ".member." + std::to_string(++i);
    if (!e.isObject()) {
      params.emplace_back(prefix, e.scalarText());
      continue;
    }
    for (const auto& [k, v] : e.asObject())
      params.emplace_back(prefix + "." + k, v.scalarText());
  }
}

// A live scalar in manifest shape: integers and the threshold as numbers,
// ActionsEnabled as a boolean.
Value liveScalar(std::string_view name, const std::string& text) {
  if (in(kIntegers, name)) return Value(static_cast<std::int64_t>(std::stoll(text)));
  if (name == "Threshold") return Value(std::stod(text));
  if (name == "ActionsEnabled") return Value(text == "true");
  return Value(text);
}

// Live dimensions in the manifest's order (by Name), then the others.
Value orderedDimensions(const Value* desired, Value live) {
  if (!desired || !desired->isArray() || !live.isArray()) return live;
  auto& l = live.asArray();
  auto nameOf = [](const Value& v) { return v.find("Name") ? v.find("Name")->scalarText() : ""; };
  std::vector<Value> out;
  for (const auto& d : desired->asArray()) {
    auto it =
        std::find_if(l.begin(), l.end(), [&](const Value& x) { return nameOf(x) == nameOf(d); });
    if (it == l.end()) continue;
    out.push_back(*it);
    l.erase(it);
  }
  for (auto& rest : l)
    out.push_back(std::move(rest));
  return Value(std::move(out));
}

Value memberList(pugi::xml_node parent, bool pairs, const char* k = "Name",
                 const char* v = "Value") {
  Value out = Value::array();
  for (auto m : parent.children("member")) {
    if (!pairs) {
      out.push(Value(std::string(m.child_value())));
      continue;
    }
    Value e = Value::object();
    e[k] = Value(std::string(m.child_value(k)));
    e[v] = Value(std::string(m.child_value(v)));
    out.push(std::move(e));
  }
  return out;
}

class AlarmProvider final : public common::JsonProviderBase {
 public:
  explicit AlarmProvider(ProviderContext ctx) : JsonProviderBase(std::move(ctx), alarmTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    aws::Params params = alarmParams(desired, nullptr);
    Value tags = common::tagList(
        common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id)));
    addList(params, "Tags", tags);
    auto r = co_await call("PutMetricAlarm", std::move(params));
    if (!r) co_return fail(r.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    bool settings = false;
    for (const auto& c : delta.changes)
      settings = settings || c.path.rfind("Tags", 0) != 0;
    if (settings) {
      aws::Params params = alarmParams(desired, &live);
      auto r = co_await call("PutMetricAlarm", std::move(params));
      if (!r) co_return fail(r.error());
    }
    auto change = common::updateTagChange(desired, live, delta, ctx_);
    const std::string arn = live.attributes.find("Arn")->scalarText();
    auto t = co_await applyTags(arn, change);
    if (!t) co_return fail(t.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    aws::Params params;
    params.emplace_back("AlarmNames.member.1", live.exists ? live.physicalId : alarmName(desired));
    auto r = co_await call("DeleteAlarms", std::move(params));
    if (!r && !common::isNotFound(r.error())) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  static std::string alarmName(const Desired& d) {
    if (const Value* n = d.properties.find("AlarmName")) return n->scalarText();
    return d.physicalId;
  }

  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params) {
    auto r = co_await ctx_.aws->query("monitoring", action, std::move(params));
    if (!r) co_return fail(common::classify(r.error(), "cloudwatch:" + std::string(action)));
    co_return r;
  }

  // PutMetricAlarm's parameters: the manifest's settings and, with `live`, the
  // live value of each setting it does not manage (PutMetricAlarm resets the rest).
  static aws::Params alarmParams(const Desired& d, const Observed* live) {
    aws::Params params;
    params.emplace_back("AlarmName", alarmName(d));
    auto value = [&](std::string_view n) {
      const Value* v = d.properties.find(n);
      return v || !live ? v : live->properties.find(n);
    };
    for (auto n : kScalars)
      if (const Value* v = value(n)) params.emplace_back(std::string(n), v->scalarText());
    for (auto n : kLists)
      if (const Value* v = value(n)) addList(params, n, *v);
    return params;
  }

  Awaitable<Result<void>> applyTags(const std::string& arn, const common::TagChange& change) {
    if (!change.set.empty()) {
      aws::Params params;
      params.emplace_back("ResourceARN", arn);
      addList(params, "Tags", common::tagList(change.set));
      auto r = co_await call("TagResource", std::move(params));
      if (!r) co_return fail(r.error());
    }
    if (!change.remove.empty()) {
      aws::Params params;
      params.emplace_back("ResourceARN", arn);
      Value keys = Value::array();
      for (const auto& k : change.remove)
        keys.push(Value(k));
      addList(params, "TagKeys", keys);
      auto r = co_await call("UntagResource", std::move(params));
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) {
    const std::string name = alarmName(desired);
    aws::Params params;
    params.emplace_back("AlarmNames.member.1", name);
    params.emplace_back("AlarmTypes.member.1", "MetricAlarm");
    auto r = co_await call("DescribeAlarms", std::move(params));
    if (!r) co_return common::absentOr(r.error());
    pugi::xml_node alarm;
    for (auto m : r->result.child("MetricAlarms").children("member"))
      if (name == m.child_value("AlarmName")) alarm = m;
    if (!alarm) co_return Observed{};
    const std::string arn = alarm.child_value("AlarmArn");
    aws::Params tagParams;
    tagParams.emplace_back("ResourceARN", arn);
    auto tags = co_await call("ListTagsForResource", std::move(tagParams));
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = fromXml(desired, alarm);
    o.properties["Tags"] = memberList(tags->result.child("Tags"), true, "Key", "Value");
    o.owner = ownershipFromTags(o.properties["Tags"]);
    co_return o;
  }

  static Observed fromXml(const Desired& desired, pugi::xml_node alarm) {
    Observed o;
    o.exists = true;
    o.physicalId = alarmName(desired);
    o.properties["AlarmName"] = Value(o.physicalId);
    for (auto n : kScalars)
      if (auto c = alarm.child(std::string(n).c_str()); c && *c.child_value())
        o.properties[n] = liveScalar(n, c.child_value());
    for (auto n : kLists)
      if (auto c = alarm.child(std::string(n).c_str()))
        o.properties[n] = memberList(c, n == "Dimensions");
    if (const Value* dims = o.properties.find("Dimensions"))
      o.properties["Dimensions"] = orderedDimensions(desired.properties.find("Dimensions"), *dims);
    o.attributes["Arn"] = Value(std::string(alarm.child_value("AlarmArn")));
    return o;
  }
};

}  // namespace

std::unique_ptr<Provider> makeAlarmProvider(const ProviderContext& ctx) {
  return std::make_unique<AlarmProvider>(ctx);
}

}  // namespace driftless::cloudwatch
