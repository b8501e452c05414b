#include "providers/cloudwatch/alarm.h"

#include <algorithm>

#include "providers/aws/client.h"
#include "providers/cloudwatch/schema.h"
#include "providers/common/described.h"
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
                                                "EvaluateLowSampleCountPercentile",
                                                "ThresholdMetricId",
                                                "EvaluationInterval"};
const std::vector<std::string_view> kIntegers = {"Period", "EvaluationPeriods", "DatapointsToAlarm",
                                                 "EvaluationInterval"};
const std::vector<std::string_view> kLists = {"AlarmActions", "OKActions",
                                              "InsufficientDataActions", "Dimensions", "Metrics"};
// What a metric math alarm (Metrics) replaces, and what only it has: an update
// does not carry one kind's live settings into the other.
const std::vector<std::string_view> kSingleMetric = {
    "MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit"};
const std::vector<std::string_view> kMetricMath = {"Metrics", "ThresholdMetricId"};
// A PromQL alarm's settings, and the threshold settings it has none of.
const std::vector<std::string_view> kPromQL = {"EvaluationCriteria", "EvaluationInterval"};
const std::vector<std::string_view> kThreshold = {"Threshold", "ComparisonOperator",
                                                  "EvaluationPeriods", "DatapointsToAlarm"};

bool in(const std::vector<std::string_view>& names, std::string_view n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

// Whether `n` belongs to another kind of alarm than the manifest's (single
// metric, metric math or PromQL): its live value is not carried into an update.
bool otherKind(const Properties& desired, std::string_view n) {
  if (desired.find("EvaluationCriteria"))
    return in(kSingleMetric, n) || in(kMetricMath, n) || in(kThreshold, n);
  if (in(kPromQL, n)) return true;
  return in(desired.find("Metrics") ? kSingleMetric : kMetricMath, n);
}

// A value as query parameters: a list as <name>.member.N, an object's fields
// as <name>.<field>, at any depth (Metrics.member.1.MetricStat.Metric.Dimensions...).
void addList(aws::Params& params, std::string_view name, const Value& v) {
  if (v.isArray()) {
    std::size_t i = 0;
    for (const auto& e : v.asArray())
      addList(params, std::string(name) + ".member." + std::to_string(++i), e);
  } else if (v.isObject()) {
    for (const auto& [k, f] : v.asObject())
      addList(params, std::string(name) + "." + k, f);
  } else if (v.isBool()) {
    params.emplace_back(std::string(name), v.asBool() ? "true" : "false");
  } else {
    params.emplace_back(std::string(name), v.scalarText());
  }
}

// A metric data query list from DescribeAlarms in manifest shape: members as
// list elements, Period as a number and ReturnData as a boolean.
Value xmlValue(pugi::xml_node n) {
  if (n.child("member")) {
    Value out = Value::array();
    for (auto m : n.children("member"))
      out.push(xmlValue(m));
    return out;
  }
  if (!n.first_child() || n.first_child().type() != pugi::node_element) {
    std::string text = n.child_value();
    std::string_view name = n.name();
    if (name == "Period") return Value(static_cast<std::int64_t>(std::stoll(text)));
    if (name == "ReturnData") return Value(text == "true");
    if (name == "Dimensions") return Value::array();
    return Value(std::move(text));
  }
  Value out = Value::object();
  for (auto c : n.children())
    if (c.type() == pugi::node_element) out[c.name()] = xmlValue(c);
  return out;
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

class AlarmProvider final : public common::DescribedProvider {
 public:
  using DescribedProvider::DescribedProvider;

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
    auto change = common::tagUpdate(ctx_, desired, live, delta);
    const std::string arn = live.attributes.find("Arn")->scalarText();
    auto t = co_await applyTags(arn, change);
    if (!t) co_return fail(t.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    aws::Params params;
    params.emplace_back("AlarmNames.member.1", this->name(desired, live));
    auto r = co_await call("DeleteAlarms", std::move(params));
    co_return common::deleted(r);
  }

 private:
  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params) {
    auto r = co_await ctx_.aws->query("monitoring", action, std::move(params));
    if (!r) co_return fail(common::classify(r.error(), "cloudwatch:" + std::string(action)));
    co_return r;
  }

  // PutMetricAlarm's parameters: the manifest's settings and, with `live`, the
  // live value of each setting it does not manage (PutMetricAlarm resets the rest).
  aws::Params alarmParams(const Desired& d, const Observed* live) const {
    aws::Params params;
    params.emplace_back("AlarmName", this->name(d));
    // A live setting of another kind of alarm is not kept.
    auto value = [&](std::string_view n) {
      const Value* v = d.properties.find(n);
      return v || !live || otherKind(d.properties, n) ? v : live->properties.find(n);
    };
    for (auto n : kScalars)
      if (const Value* v = value(n)) params.emplace_back(std::string(n), v->scalarText());
    for (auto n : kLists)
      if (const Value* v = value(n)) addList(params, n, *v);
    if (const Value* v = value("EvaluationCriteria")) addList(params, "EvaluationCriteria", *v);
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

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    const std::string name = this->name(desired);
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
    common::setLiveTags(o, memberList(tags->result.child("Tags"), true, "Key", "Value"));
    co_return o;
  }

  Observed fromXml(const Desired& desired, pugi::xml_node alarm) const {
    Observed o;
    o.exists = true;
    o.physicalId = this->name(desired);
    o.properties["AlarmName"] = Value(o.physicalId);
    for (auto n : kScalars)
      if (auto c = alarm.child(std::string(n).c_str()); c && *c.child_value())
        o.properties[n] = liveScalar(n, c.child_value());
    for (auto n : kLists) {
      auto c = alarm.child(std::string(n).c_str());
      if (!c || (n == "Metrics" && !c.child("member"))) continue;
      o.properties[n] = n == "Metrics" ? xmlValue(c) : memberList(c, n == "Dimensions");
    }
    if (auto c = alarm.child("EvaluationCriteria"); c && c.first_child())
      o.properties["EvaluationCriteria"] = xmlValue(c);
    if (const Value* dims = o.properties.find("Dimensions"))
      o.properties["Dimensions"] = orderedDimensions(desired.properties.find("Dimensions"), *dims);
    o.attributes["Arn"] = Value(std::string(alarm.child_value("AlarmArn")));
    return o;
  }
};

}  // namespace

const common::MakeProvider makeAlarmProvider = common::make<AlarmProvider, alarmTypeInfo>;

}  // namespace driftless::cloudwatch
