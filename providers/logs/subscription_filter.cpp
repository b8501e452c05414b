// AWS::Logs::SubscriptionFilter on the CloudWatch Logs JSON API: CloudFormation
// names the fields in UpperCamelCase, the API in lowerCamelCase.
#include "providers/logs/subscription_filter.h"

#include "providers/common/validate.h"
#include "providers/logs/log_filter.h"
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

class SubscriptionFilterProvider final : public LogFilterProvider {
 public:
  explicit SubscriptionFilterProvider(const ProviderContext& ctx)
      : LogFilterProvider(ctx, subscriptionFilterTypeInfo(),
                          {.noun = "subscription filter",
                           .describe = "DescribeSubscriptionFilters",
                           .list = "subscriptionFilters",
                           .put = "PutSubscriptionFilter",
                           .remove = "DeleteSubscriptionFilter"}) {}

 protected:
  void toApi(const Properties& p, Value& body) const override {
    for (const auto& f : kFields) {
      const Value* v = p.find(f.property);
      if (!v) continue;
      auto flag = f.property == "ApplyOnTransformedLogs" ? common::boolLike(v) : std::nullopt;
      body[f.api] = flag ? Value(*flag) : *v;
    }
  }

  void fromApi(const Value& filter, Properties& out) const override {
    for (const auto& field : kFields) {
      const Value* v = filter.find(field.api);
      if (v && !v->isNull())
        out[field.property] = *v;
      else if (auto absent = Value::fromJson(field.absent))
        out[field.property] = std::move(*absent);
    }
  }
};

}  // namespace

const common::MakeProvider makeSubscriptionFilterProvider =
    common::make<SubscriptionFilterProvider>;

}  // namespace driftless::logs
