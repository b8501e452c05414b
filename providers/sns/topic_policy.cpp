#include "providers/sns/topic_policy.h"

#include "providers/aws/client.h"
#include "providers/common/attached_policy.h"
#include "providers/common/attributes.h"
#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/sns/topic_policy_schema.h"

namespace driftless::sns {

namespace {

constexpr std::string_view kList = "Topics";
constexpr std::string_view kDefaultPolicyId = "__default_policy_ID";

// The policy SNS gives a new topic (what a deleted TopicPolicy leaves behind).
std::string defaultPolicy(const std::string& topicArn) {
  auto parts = topicArn.find(":sns:");
  std::string account;
  if (parts != std::string::npos) {
    auto regionEnd = topicArn.find(':', parts + 5);
    auto accountEnd =
        regionEnd == std::string::npos ? regionEnd : topicArn.find(':', regionEnd + 1);
    if (accountEnd != std::string::npos)
      account = topicArn.substr(regionEnd + 1, accountEnd - regionEnd - 1);
  }
  return R"({"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":)"
         R"("__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":)"
         R"(["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission",)"
         R"("SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe",)"
         R"("SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":")" +
         topicArn + R"(","Condition":{"StringEquals":{"AWS:SourceOwner":")" + account + R"("}}}]})";
}

// The Policy entry of <Attributes>; nullopt when absent or SNS's default one.
std::optional<Value> policyIn(pugi::xml_node attributes) {
  for (auto e : attributes.children("entry")) {
    if (std::string_view(e.child_value("key")) != "Policy") continue;
    Value doc = common::parseJsonAttribute(e.child_value("value"));
    const Value* id = doc.find("Id");
    if (id && id->scalarText() == kDefaultPolicyId) return std::nullopt;
    return doc;
  }
  return std::nullopt;
}

class TopicPolicyProvider final : public common::AttachedPolicyProvider {
 public:
  explicit TopicPolicyProvider(ProviderContext ctx)
      : AttachedPolicyProvider(std::move(ctx), topicPolicyTypeInfo(), "Topics") {}

 protected:
  // nullopt also when the topic has SNS's default policy.
  Awaitable<Result<std::optional<Value>>> readPolicy(const std::string& arn) override {
    std::optional<Value> out;
    aws::Params params = common::params("TopicArn", arn);
    auto r = co_await call("GetTopicAttributes", std::move(params));
    if (!r && !common::isNotFound(r.error())) co_return fail(r.error());
    if (r) out = policyIn(r->result.child("Attributes"));
    co_return out;
  }

  Awaitable<Result<void>> writePolicy(const std::string& arn, const std::string& text) override {
    aws::Params p =
        common::params("TopicArn", arn, "AttributeName", "Policy", "AttributeValue", text);
    auto r = co_await call("SetTopicAttributes", std::move(p));
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // SNS has no "no policy": the default one goes back, as CloudFormation does.
  Awaitable<Result<void>> detachPolicy(const std::string& arn) override {
    const std::string text = defaultPolicy(arn);
    auto r = co_await writePolicy(arn, text);
    co_return common::deleted(r);
  }

 private:
  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params) {
    co_return co_await common::query(*ctx_.aws, "sns", action, std::move(params));
  }
};

}  // namespace

const common::MakeProvider makeTopicPolicyProvider = common::make<TopicPolicyProvider>;

}  // namespace driftless::sns
