// AWS::Logs::MetricFilter on the CloudWatch Logs JSON API. The API writes
// Dimensions as a {key: value} map; CloudFormation as [{Key, Value}].
// PutMetricFilter replaces the filter whole: every update sends all of it.
#include "providers/logs/metric_filter.h"

#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/validate.h"
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

class MetricFilterProvider final : public common::ProviderBase {
 public:
  explicit MetricFilterProvider(const ProviderContext& ctx)
      : ProviderBase(ctx, metricFilterTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string group = text(desired, "LogGroupName");
    const std::string n = name(desired);
    co_return co_await read(group, n);
  }

  // PutMetricFilter creates the filter or replaces it whole.
  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string group = text(desired, "LogGroupName");
    const std::string n = name(desired);
    Value b = Value::object();
    b["logGroupName"] = Value(group);
    b["filterName"] = Value(n);
    b["filterPattern"] = Value(text(desired, "FilterPattern"));
    b["metricTransformations"] =
        transformationsToApi(desired.properties.find("MetricTransformations"));
    settingsToApi(desired.properties, b);
    if (auto r = co_await call("PutMetricFilter", std::move(b), n); !r) co_return fail(r.error());
    co_return co_await read(group, n);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed&,
                                     const Delta&) override {
    co_return co_await create(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    const std::string n = name(desired);
    Value b = Value::object();
    b["logGroupName"] = Value(text(desired, "LogGroupName"));
    b["filterName"] = Value(n);
    auto r = co_await call("DeleteMetricFilter", std::move(b), n);
    co_return common::deleted(r);
  }

 private:
  static std::string text(const Desired& d, std::string_view property) {
    const Value* v = d.properties.find(property);
    return v ? v->scalarText() : std::string();
  }

  Awaitable<Result<Value>> call(std::string_view op, Value body, const std::string& n) {
    auto r = co_await common::json(*ctx_.aws, "logs", op, std::move(body));
    if (!r)
      co_return fail(
          common::withContext(r.error(), "logs:" + std::string(op), "metric filter " + n));
    co_return std::move(*r);
  }

  Awaitable<Result<Observed>> read(const std::string& group, const std::string& n) {
    Value b = Value::object();
    b["logGroupName"] = Value(group);
    b["filterNamePrefix"] = Value(n);
    auto r = co_await call("DescribeMetricFilters", std::move(b), n);
    if (!r) {
      if (common::isNotFound(r.error())) co_return Observed{};  // the log group is gone
      co_return fail(r.error());
    }
    Observed o;
    const Value* filters = r->find("metricFilters");
    for (const auto& f : filters && filters->isArray() ? filters->asArray() : Value::Array{}) {
      const Value* fn = f.find("filterName");
      if (!fn || fn->scalarText() != n) continue;
      o.exists = true;
      o.physicalId = n;
      o.properties["FilterName"] = Value(n);
      o.properties["LogGroupName"] = Value(group);
      const Value* pattern = f.find("filterPattern");
      o.properties["FilterPattern"] = pattern ? *pattern : Value("");
      o.properties["MetricTransformations"] =
          transformationsFromApi(f.find("metricTransformations"));
      settingsFromApi(f, o.properties);
    }
    co_return o;
  }
};

}  // namespace

std::unique_ptr<Provider> makeMetricFilterProvider(const ProviderContext& ctx) {
  return std::make_unique<MetricFilterProvider>(ctx);
}

}  // namespace driftless::logs
