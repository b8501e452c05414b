// AWS::Logs::SubscriptionFilter on the CloudWatch Logs JSON API: CloudFormation
// names the fields in UpperCamelCase, the API in lowerCamelCase.
#include "providers/logs/subscription_filter.h"

#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/validate.h"
#include "providers/logs/schema.h"

namespace driftless::logs {

namespace {

// Every field but the two that name the filter: CloudFormation's, the API's,
// and what the API's silence means (JSON; "" = nothing to say).
struct Field {
  std::string_view property;
  std::string_view api;
  std::string_view absent;
};
constexpr Field kFields[] = {{"FilterPattern", "filterPattern", R"("")"},
                             {"DestinationArn", "destinationArn", ""},
                             {"RoleArn", "roleArn", ""},
                             {"Distribution", "distribution", R"("ByLogStream")"},
                             {"ApplyOnTransformedLogs", "applyOnTransformedLogs", "false"},
                             {"EmitSystemFields", "emitSystemFields", "[]"},
                             {"FieldSelectionCriteria", "fieldSelectionCriteria", R"("")"}};

class SubscriptionFilterProvider final : public common::ProviderBase {
 public:
  explicit SubscriptionFilterProvider(const ProviderContext& ctx)
      : ProviderBase(ctx, subscriptionFilterTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string group = text(desired, "LogGroupName");
    const std::string n = name(desired);
    co_return co_await read(group, n);
  }

  // PutSubscriptionFilter creates the filter or replaces it whole.
  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string group = text(desired, "LogGroupName");
    const std::string n = name(desired);
    Value b = Value::object();
    b["logGroupName"] = Value(group);
    b["filterName"] = Value(n);
    for (const auto& f : kFields) {
      const Value* v = desired.properties.find(f.property);
      if (!v) continue;
      auto flag = f.property == "ApplyOnTransformedLogs" ? common::boolLike(v) : std::nullopt;
      b[f.api] = flag ? Value(*flag) : *v;
    }
    if (auto r = co_await call("PutSubscriptionFilter", std::move(b), n); !r)
      co_return fail(r.error());
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
    auto r = co_await call("DeleteSubscriptionFilter", std::move(b), n);
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
          common::withContext(r.error(), "logs:" + std::string(op), "subscription filter " + n));
    co_return std::move(*r);
  }

  Awaitable<Result<Observed>> read(const std::string& group, const std::string& n) {
    Value b = Value::object();
    b["logGroupName"] = Value(group);
    b["filterNamePrefix"] = Value(n);
    auto r = co_await call("DescribeSubscriptionFilters", std::move(b), n);
    if (!r) {
      if (common::isNotFound(r.error())) co_return Observed{};  // the log group is gone
      co_return fail(r.error());
    }
    Observed o;
    const Value* filters = r->find("subscriptionFilters");
    for (const auto& f : filters && filters->isArray() ? filters->asArray() : Value::Array{}) {
      const Value* fn = f.find("filterName");
      if (!fn || fn->scalarText() != n) continue;
      o = common::found(n);
      o.properties["FilterName"] = Value(n);
      o.properties["LogGroupName"] = Value(group);
      for (const auto& field : kFields) {
        const Value* v = f.find(field.api);
        if (v && !v->isNull())
          o.properties[field.property] = *v;
        else if (auto absent = Value::fromJson(field.absent))
          o.properties[field.property] = std::move(*absent);
      }
    }
    co_return o;
  }
};

}  // namespace

std::unique_ptr<Provider> makeSubscriptionFilterProvider(const ProviderContext& ctx) {
  return std::make_unique<SubscriptionFilterProvider>(ctx);
}

}  // namespace driftless::logs
