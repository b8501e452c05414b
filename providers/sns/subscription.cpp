// AWS::SNS::Subscription. Not taggable: found by its ARN (Desired.physicalId,
// from state) or, before that is known, by (TopicArn, Protocol, Endpoint).
#include "providers/sns/subscription.h"

#include <algorithm>

#include "providers/common/provider_base.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/compare.h"
#include "providers/sns/attributes.h"
#include "providers/sns/schema.h"

namespace driftless::sns {

namespace {

const std::vector<std::string_view> kIdentity = {"TopicArn", "Protocol", "Endpoint"};

// Subscription attributes managed by name (identity fields are not settable).
const std::vector<std::string_view> kSubscriptionAttributes = {
    "RawMessageDelivery", "FilterPolicy",        "FilterPolicyScope", "RedrivePolicy",
    "DeliveryPolicy",     "SubscriptionRoleArn", "ReplayPolicy"};
// The attributes that are JSON documents (sent and read as text).
const std::vector<std::string_view> kJsonAttributes = {"FilterPolicy", "RedrivePolicy",
                                                       "DeliveryPolicy", "ReplayPolicy"};

class SubscriptionProvider final : public common::ProviderBase {
 public:
  explicit SubscriptionProvider(ProviderContext ctx) : ProviderBase(ctx, subscriptionTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    std::string arn = desired.physicalId;
    if (arn.empty()) {
      auto found = co_await findSubscription(desired);
      if (!found) co_return fail(found.error());
      if (found->empty()) co_return Observed{};
      arn = *found;
    }
    co_return co_await describe(arn);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    aws::Params params =
        common::params("TopicArn", text(desired, "TopicArn"), "Protocol", text(desired, "Protocol"),
                       "Endpoint", text(desired, "Endpoint"), "ReturnSubscriptionArn", "true");
    int n = 0;
    for (auto a : kSubscriptionAttributes) {
      if (const Value* v = desired.properties.find(a)) {
        ++n;
        params.emplace_back("Attributes.entry." + std::to_string(n) + ".key", std::string(a));
        params.emplace_back("Attributes.entry." + std::to_string(n) + ".value",
                            common::attributeText(*v));
      }
    }
    auto r = co_await call("Subscribe", std::move(params));
    if (!r) co_return fail(r.error());
    std::string arn = r->result.child_value("SubscriptionArn");
    if (arn.empty() || arn == "pending confirmation")
      co_return fail(ErrorKind::Waiting,
                     "sns:Subscribe: the subscription waits for its endpoint to confirm it");
    co_return co_await describe(arn);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    for (auto a : kSubscriptionAttributes) {
      const Value* v = desired.properties.find(a);
      if (!v || !delta.differentAt(a)) continue;
      aws::Params p = common::params("SubscriptionArn", live.physicalId, "AttributeName",
                                     std::string(a), "AttributeValue", common::attributeText(*v));
      auto r = co_await call("SetSubscriptionAttributes", std::move(p));
      if (!r) co_return fail(r.error());
    }
    co_return co_await describe(live.physicalId);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string arn = live.exists ? live.physicalId : desired.physicalId;
    if (arn.empty()) co_return Result<void>{};
    auto r = co_await call("Unsubscribe", common::params("SubscriptionArn", arn));
    co_return common::deleted(r);
  }

 private:
  static std::string text(const Desired& d, std::string_view name) {
    const Value* v = d.properties.find(name);
    return v ? v->scalarText() : "";
  }

  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params) {
    co_return co_await common::query(*ctx_.aws, "sns", action, std::move(params));
  }

  Awaitable<Result<std::string>> findSubscription(const Desired& desired) {
    std::string topic = text(desired, "TopicArn");
    std::string protocol = text(desired, "Protocol");
    std::string endpoint = text(desired, "Endpoint");
    std::string token;
    do {
      aws::Params p = common::params("TopicArn", topic);
      if (!token.empty()) p.emplace_back("NextToken", token);
      auto r = co_await call("ListSubscriptionsByTopic", std::move(p));
      if (!r) {
        if (common::isNotFound(r.error())) co_return std::string();
        co_return fail(r.error());
      }
      for (auto m : r->result.child("Subscriptions").children("member")) {
        std::string arn = m.child_value("SubscriptionArn");
        if (m.child_value("Protocol") == protocol && m.child_value("Endpoint") == endpoint &&
            arn.starts_with("arn:"))
          co_return arn;
      }
      token = r->result.child_value("NextToken");
    } while (!token.empty());
    co_return std::string();
  }

  Awaitable<Result<Observed>> describe(const std::string& arn) {
    auto r = co_await call("GetSubscriptionAttributes", common::params("SubscriptionArn", arn));
    if (!r) {
      if (common::isNotFound(r.error()) || r.error().code == "InvalidParameter")
        co_return Observed{};
      co_return fail(r.error());
    }
    Value::Object a = entries(r->result.child("Attributes"));
    Observed o = common::found(arn);
    for (std::string_view n : kIdentity)
      if (auto it = a.find(n); it != a.end()) o.properties[n] = it->second;
    for (auto n : kSubscriptionAttributes) {
      auto it = a.find(n);
      if (it == a.end()) continue;
      if (std::find(kJsonAttributes.begin(), kJsonAttributes.end(), n) != kJsonAttributes.end())
        o.properties[n] = common::parseJsonAttribute(it->second.scalarText());
      else
        o.properties[n] = it->second;
    }
    // Defaults SNS leaves out of the attributes until they are set.
    if (!o.properties.find("RawMessageDelivery"))
      o.properties["RawMessageDelivery"] = Value("false");
    if (!o.properties.find("FilterPolicyScope") && o.properties.find("FilterPolicy"))
      o.properties["FilterPolicyScope"] = Value("MessageAttributes");
    o.attributes["Arn"] = Value(arn);
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeSubscriptionProvider = common::make<SubscriptionProvider>;

}  // namespace driftless::sns
