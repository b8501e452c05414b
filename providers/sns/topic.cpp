#include "providers/sns/topic.h"
#include "providers/common/provider_base.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/compare.h"
#include "providers/sns/attributes.h"
#include "providers/sns/schema.h"
#include "providers/sns/topic_attributes.h"

namespace driftless::sns {

namespace {

class TopicProvider final : public common::ProviderBase {
 public:
  explicit TopicProvider(ProviderContext ctx) : ProviderBase(ctx, topicTypeInfo()) {}

  Delta diff(const Desired& desired, const Observed& live) const override {
    return compareProperties(info_, normaliseTopic(desired.properties), live.properties);
  }

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    std::string arn;
    if (ctx_.accountId.empty()) {
      auto found = co_await findTopic(name(desired));
      if (!found) co_return fail(found.error());
      if (found->empty()) co_return Observed{};
      arn = *found;
    } else {
      arn = topicArn(name(desired));
    }
    co_return co_await describe(arn, desired, /*observing=*/true);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    aws::Params params;
    params.emplace_back("Name", name(desired));
    int n = 0;
    for (auto& a : topicAttributes(desired.properties)) {
      ++n;
      params.emplace_back("Attributes.entry." + std::to_string(n) + ".key", a.name);
      params.emplace_back("Attributes.entry." + std::to_string(n) + ".value", a.value);
    }
    if (const Value* dpp = desired.properties.find("DataProtectionPolicy"))
      params.emplace_back("DataProtectionPolicy", common::attributeText(*dpp));
    n = 0;
    for (auto& [k, v] :
         common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id))) {
      ++n;
      params.emplace_back("Tags.member." + std::to_string(n) + ".Key", k);
      params.emplace_back("Tags.member." + std::to_string(n) + ".Value", v.scalarText());
    }
    auto r = co_await call("CreateTopic", std::move(params));
    if (!r) co_return fail(r.error());
    std::string arn = r->result.child("TopicArn").child_value();
    if (arn.empty())
      co_return fail(ErrorKind::Fatal, "sns:CreateTopic: no TopicArn in the response");
    co_return co_await describe(arn, desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const Value* liveArn = live.attributes.find("TopicArn");
    std::string arn = liveArn ? liveArn->scalarText() : topicArn(name(desired));
    for (auto& a : changedAttributes(desired, live, delta)) {
      aws::Params p =
          common::params("TopicArn", arn, "AttributeName", a.name, "AttributeValue", a.value);
      auto r = co_await call("SetTopicAttributes", std::move(p));
      if (!r) co_return fail(r.error());
    }
    if (const Value* dpp = desired.properties.find("DataProtectionPolicy");
        dpp && delta.differentAt("DataProtectionPolicy")) {
      aws::Params p =
          common::params("ResourceArn", arn, "DataProtectionPolicy", common::attributeText(*dpp));
      auto r = co_await call("PutDataProtectionPolicy", std::move(p));
      if (!r) co_return fail(r.error());
    }
    auto change = common::tagUpdate(ctx_, desired, live, delta);
    if (!change.set.empty()) {
      aws::Params p = common::params("ResourceArn", arn);
      int n = 0;
      for (auto& [k, v] : change.set) {
        ++n;
        p.emplace_back("Tags.member." + std::to_string(n) + ".Key", k);
        p.emplace_back("Tags.member." + std::to_string(n) + ".Value", v.scalarText());
      }
      auto r = co_await call("TagResource", std::move(p));
      if (!r) co_return fail(r.error());
    }
    if (!change.remove.empty()) {
      aws::Params p = common::params("ResourceArn", arn);
      int n = 0;
      for (auto& k : change.remove)
        p.emplace_back("TagKeys.member." + std::to_string(++n), k);
      auto r = co_await call("UntagResource", std::move(p));
      if (!r) co_return fail(r.error());
    }
    co_return co_await describe(arn, desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string arn;
    if (const Value* a = live.attributes.find("TopicArn")) arn = a->scalarText();
    if (arn.empty()) arn = topicArn(name(desired));
    // DeleteTopic of an absent topic succeeds.
    auto r = co_await call("DeleteTopic", common::params("TopicArn", arn));
    co_return common::deleted(r);
  }

 private:
  // The SetTopicAttributes calls a delta needs: each changed property's
  // attributes; for DeliveryStatusLogging only the attributes whose value
  // differs, and "" for a protocol's attribute the manifest no longer sets.
  static std::vector<TopicAttribute> changedAttributes(const Desired& desired, const Observed& live,
                                                       const Delta& delta) {
    std::vector<TopicAttribute> want = topicAttributes(desired.properties);
    std::vector<TopicAttribute> have = topicAttributes(live.properties);
    auto find = [](const std::vector<TopicAttribute>& in, const std::string& name) {
      return std::find_if(in.begin(), in.end(),
                          [&](const TopicAttribute& a) { return a.name == name; });
    };
    std::vector<TopicAttribute> out;
    for (auto& a : want) {
      if (a.property == "FifoTopic" || !delta.differentAt(a.property)) continue;  // immutable
      auto h = find(have, a.name);
      if (a.property == "DeliveryStatusLogging" && h != have.end() && h->value == a.value) continue;
      out.push_back(a);
    }
    if (delta.differentAt("DeliveryStatusLogging"))
      for (auto& h : have)
        if (h.property == "DeliveryStatusLogging" && find(want, h.name) == want.end())
          out.push_back({h.property, h.name, ""});
    return out;
  }

  std::string topicArn(const std::string& name) const {
    return "arn:" + ctx_.partition + ":sns:" + ctx_.region + ":" + ctx_.accountId + ":" + name;
  }

  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params) {
    co_return co_await common::query(*ctx_.aws, "sns", action, std::move(params));
  }

  // Without an account id the ARN cannot be built: page through ListTopics.
  Awaitable<Result<std::string>> findTopic(const std::string& name) {
    std::string token;
    do {
      aws::Params p;
      if (!token.empty()) p.emplace_back("NextToken", token);
      auto r = co_await call("ListTopics", std::move(p));
      if (!r) co_return fail(r.error());
      for (auto m : r->result.child("Topics").children("member")) {
        std::string arn = m.child_value("TopicArn");
        if (arn.size() > name.size() && arn.ends_with(":" + name)) co_return arn;
      }
      token = r->result.child_value("NextToken");
    } while (!token.empty());
    co_return std::string();
  }

  // GetTopicAttributes + ListTagsForResource (saved when `observing` and the
  // cycle's bulk snapshot agrees on the tags) and what else the manifest manages.
  Awaitable<Result<Observed>> describe(const std::string& arn, const Desired& desired,
                                       bool observing = false) {
    auto attrs = co_await call("GetTopicAttributes", common::params("TopicArn", arn));
    if (!attrs) {
      if (common::isNotFound(attrs.error())) co_return Observed{};
      co_return fail(attrs.error());
    }
    std::optional<Value> liveTags;
    if (observing) liveTags = co_await common::awaitAgreedTags(ctx_, desired, arn);
    if (!liveTags) {
      auto tags = co_await call("ListTagsForResource", common::params("ResourceArn", arn));
      if (!tags) {
        if (common::isNotFound(tags.error())) co_return Observed{};
        co_return fail(tags.error());
      }
      liveTags = Value::array();
      for (auto m : tags->result.child("Tags").children("member")) {
        Value t = Value::object();
        t["Key"] = Value(std::string(m.child_value("Key")));
        t["Value"] = Value(std::string(m.child_value("Value")));
        liveTags->push(std::move(t));
      }
    }
    Value::Object a = entries(attrs->result.child("Attributes"));
    std::string name = arn.substr(arn.rfind(':') + 1);
    Observed o = common::found(name);
    o.properties["TopicName"] = Value(name);
    readTopicAttributes(a, o.properties);
    if (desired.properties.find("DataProtectionPolicy")) {
      auto dpp = co_await call("GetDataProtectionPolicy", common::params("ResourceArn", arn));
      if (!dpp) co_return fail(dpp.error());
      std::string doc = dpp->result.child_value("DataProtectionPolicy");
      if (!doc.empty()) o.properties["DataProtectionPolicy"] = Value(doc);
    }
    common::setLiveTags(o, std::move(*liveTags));
    o.attributes["TopicArn"] = Value(arn);
    o.attributes["TopicName"] = Value(name);
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeTopicProvider = common::make<TopicProvider>;

}  // namespace driftless::sns
