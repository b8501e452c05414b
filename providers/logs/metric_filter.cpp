// AWS::Logs::MetricFilter on the CloudWatch Logs JSON API. The API writes
// Dimensions as a {key: value} map; CloudFormation as [{Key, Value}].
// PutMetricFilter replaces the filter whole: every update sends all of it.
#include "providers/logs/metric_filter.h"

#include "providers/common/validate.h"
#include "providers/logs/log_filter.h"
#include "providers/logs/schema.h"

namespace driftless::logs {

namespace {

// MetricTransformations field names: CloudFormation's, then the API's.
const std::vector<std::pair<std::string, std::string>> kTransformFields = {
    {"MetricName", "metricName"},
    {"MetricNamespace", "metricNamespace"},
    {"MetricValue", "metricValue"},
    {"DefaultValue", "defaultValue"},
    {"Unit", "unit"}};

Value transformationsToApi(const Value* list) {
  Value out = Value::array();
  for (const auto& t : list && list->isArray() ? list->asArray() : Value::Array{}) {
    Value m = Value::object();
    for (const auto& [cfn, api] : kTransformFields)
      if (const Value* v = t.find(cfn))
        m[api] = cfn == "DefaultValue" && !v->isNumber() ? Value(std::stod(v->scalarText())) : *v;
    if (const Value* dims = t.find("Dimensions"); dims && dims->isArray()) {
      Value d = Value::object();
      for (const auto& e : dims->asArray())
        if (e.find("Key") && e.find("Value")) d[e.find("Key")->scalarText()] = *e.find("Value");
      m["dimensions"] = std::move(d);
    }
    out.push(std::move(m));
  }
  return out;
}

Value transformationsFromApi(const Value* list) {
  Value out = Value::array();
  for (const auto& m : list && list->isArray() ? list->asArray() : Value::Array{}) {
    Value t = Value::object();
    for (const auto& [cfn, api] : kTransformFields)
      if (const Value* v = m.find(api)) t[cfn] = *v;
    if (const Value* dims = m.find("dimensions"); dims && dims->isObject() && dims->size() > 0) {
      Value d = Value::array();
      for (const auto& [k, v] : dims->asObject()) {
        Value e = Value::object();
        e["Key"] = Value(k);
        e["Value"] = v;
        d.push(std::move(e));
      }
      t["Dimensions"] = std::move(d);
    }
    out.push(std::move(t));
  }
  return out;
}

// Settings that are API fields of the same name in lowerCamelCase, and what
// the API's silence means.
struct Setting {
  std::string_view property;
  std::string_view api;
  std::string_view absent;  // JSON
};
constexpr Setting kSettings[] = {{"ApplyOnTransformedLogs", "applyOnTransformedLogs", "false"},
                                 {"EmitSystemFieldDimensions", "emitSystemFieldDimensions", "[]"},
                                 {"FieldSelectionCriteria", "fieldSelectionCriteria", R"("")"}};

void settingsToApi(const Properties& p, Value& body) {
  for (const auto& s : kSettings) {
    const Value* v = p.find(s.property);
    if (!v) continue;
    if (auto b = s.property == "ApplyOnTransformedLogs" ? common::boolLike(v) : std::nullopt)
      body[s.api] = Value(*b);
    else
      body[s.api] = *v;
  }
}

void settingsFromApi(const Value& filter, Properties& out) {
  for (const auto& s : kSettings) {
    const Value* v = filter.find(s.api);
    if (v && !v->isNull())
      out[s.property] = *v;
    else if (auto absent = Value::fromJson(s.absent))
      out[s.property] = std::move(*absent);
  }
}

class MetricFilterProvider final : public LogFilterProvider {
 public:
  explicit MetricFilterProvider(const ProviderContext& ctx)
      : LogFilterProvider(ctx, metricFilterTypeInfo(),
                          {.noun = "metric filter",
                           .describe = "DescribeMetricFilters",
                           .list = "metricFilters",
                           .put = "PutMetricFilter",
                           .remove = "DeleteMetricFilter"}) {}

 protected:
  void toApi(const Properties& p, Value& body) const override {
    const Value* pattern = p.find("FilterPattern");
    body["filterPattern"] = Value(pattern ? pattern->scalarText() : std::string());
    body["metricTransformations"] = transformationsToApi(p.find("MetricTransformations"));
    settingsToApi(p, body);
  }

  void fromApi(const Value& filter, Properties& out) const override {
    const Value* pattern = filter.find("filterPattern");
    out["FilterPattern"] = pattern ? *pattern : Value("");
    out["MetricTransformations"] = transformationsFromApi(filter.find("metricTransformations"));
    settingsFromApi(filter, out);
  }
};

}  // namespace

const common::MakeProvider makeMetricFilterProvider = common::make<MetricFilterProvider>;

}  // namespace driftless::logs
