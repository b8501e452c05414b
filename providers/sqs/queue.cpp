#include "providers/sqs/queue.h"
#include "providers/common/provider_base.h"

#include <chrono>

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/sqs/schema.h"

namespace driftless::sqs {

namespace {

// Manifest properties that are queue attributes of the same name.
// A vector, not an array: GCC 12 rejects range-for over arrays inside coroutines.
const std::vector<std::string_view> kAttributes = {
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "RedrivePolicy",
    "RedriveAllowPolicy",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
};

bool isJsonAttribute(std::string_view name) {
  return name == "RedrivePolicy" || name == "RedriveAllowPolicy";
}

class QueueProvider final : public common::ProviderBase {
 public:
  explicit QueueProvider(ProviderContext ctx) : ProviderBase(ctx, queueTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    std::string name = this->name(desired);
    // A queue's URL is <endpoint>/<account>/<name>, so with the account known there
    // is no GetQueueUrl round trip: a missing queue is NonExistentQueue from
    // GetQueueAttributes, which describe() reads as absent. One request less per
    // queue on every cycle.
    if (!ctx_.accountId.empty()) co_return co_await describe(name, derivedUrl(name), &desired);
    auto url = co_await call("GetQueueUrl", object("QueueName", Value(name)));
    if (!url) {
      if (common::isNotFound(url.error())) co_return Observed{};
      co_return fail(url.error());
    }
    const Value* u = url->find("QueueUrl");
    if (!u || !u->isString())
      co_return fail(ErrorKind::Fatal, "sqs:GetQueueUrl: no QueueUrl in the response");
    co_return co_await describe(name, u->asString(), &desired);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    std::string name = this->name(desired);
    Value body = object("QueueName", Value(name));
    Value attrs = Value::object();
    for (auto a : kAttributes)
      if (const Value* v = desired.properties.find(a)) attrs[a] = Value(common::attributeText(*v));
    if (attrs.size() > 0) body["Attributes"] = attrs;
    Value tags = Value::object();
    for (auto& [k, v] :
         common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id)))
      tags[k] = v;
    body["tags"] = tags;
    auto r = co_await call("CreateQueue", body);
    if (!r) co_return fail(createQueueError(r.error(), name));
    const Value* u = r->find("QueueUrl");
    if (!u || !u->isString())
      co_return fail(ErrorKind::Fatal, "sqs:CreateQueue: no QueueUrl in the response");
    co_return co_await describe(name, u->asString());
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    std::string url = queueUrl(live);
    Value attrs = Value::object();
    for (auto a : kAttributes) {
      if (a == "FifoQueue") continue;  // immutable: a change is a replace
      const Value* v = desired.properties.find(a);
      if (v && delta.differentAt(a)) attrs[a] = Value(common::attributeText(*v));
    }
    if (attrs.size() > 0) {
      auto r =
          co_await call("SetQueueAttributes", object("QueueUrl", Value(url), "Attributes", attrs));
      if (!r) co_return fail(r.error());
    }
    auto change = common::tagUpdate(ctx_, desired, live, delta);
    if (!change.set.empty()) {
      Value tags = Value::object();
      for (auto& [k, v] : change.set)
        tags[k] = v;
      auto r = co_await call("TagQueue", object("QueueUrl", Value(url), "Tags", tags));
      if (!r) co_return fail(r.error());
    }
    if (!change.remove.empty()) {
      Value keys = Value::array();
      for (auto& k : change.remove)
        keys.push(Value(k));
      auto r = co_await call("UntagQueue", object("QueueUrl", Value(url), "TagKeys", keys));
      if (!r) co_return fail(r.error());
    }
    co_return co_await describe(name(desired), url);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string url = live.exists ? queueUrl(live) : "";
    if (url.empty()) {
      auto u = co_await call("GetQueueUrl", object("QueueName", Value(name(desired))));
      if (!u) {
        if (common::isNotFound(u.error())) co_return Result<void>{};
        co_return fail(u.error());
      }
      url = u->find("QueueUrl") ? u->find("QueueUrl")->scalarText() : "";
    }
    auto r = co_await call("DeleteQueue", object("QueueUrl", Value(url)));
    co_return common::deleted(r);
  }

 private:
  // Builders instead of initializer lists: GCC 12 miscompiles braced
  // initializer lists of pairs inside coroutines ("array used as initializer").
  static Value object(std::string_view k, Value v) {
    Value o = Value::object();
    o[k] = std::move(v);
    return o;
  }
  static Value object(std::string_view k1, Value v1, std::string_view k2, Value v2) {
    Value o = object(k1, std::move(v1));
    o[k2] = std::move(v2);
    return o;
  }

  std::string derivedUrl(const std::string& name) const {
    std::string base = ctx_.aws->endpoint("sqs");
    while (!base.empty() && base.back() == '/')
      base.pop_back();
    return base + "/" + ctx_.accountId + "/" + name;
  }

  static std::string queueUrl(const Observed& live) {
    const Value* u = live.attributes.find("QueueUrl");
    return u ? u->scalarText() : "";
  }

  Awaitable<Result<Value>> call(std::string_view op, const Value& body) {
    auto r = co_await ctx_.aws->json("sqs", op, body);
    if (!r) co_return fail(common::classify(r.error(), "sqs:" + std::string(op)));
    co_return r;
  }

  // GetQueueAttributes (All) + ListQueueTags for a queue known to exist. When
  // `observing`, tags the cycle's bulk snapshot agrees on save ListQueueTags.
  Awaitable<Result<Observed>> describe(const std::string& name, const std::string& url,
                                       const Desired* observing = nullptr) {
    Value names = Value::array();
    names.push(Value("All"));
    auto attrs = co_await call("GetQueueAttributes",
                               object("QueueUrl", Value(url), "AttributeNames", names));
    if (!attrs) {
      if (common::isNotFound(attrs.error())) co_return Observed{};
      co_return fail(attrs.error());
    }
    const Value* a = attrs->find("Attributes");
    std::string arn = a && a->find("QueueArn") ? a->find("QueueArn")->scalarText() : "";
    std::optional<Value> liveTags;
    if (observing) liveTags = co_await common::awaitAgreedTags(ctx_, *observing, arn);
    if (!liveTags) {
      auto tags = co_await call("ListQueueTags", object("QueueUrl", Value(url)));
      if (!tags) {
        if (common::isNotFound(tags.error())) co_return Observed{};
        co_return fail(tags.error());
      }
      Value::Object tagMapLive;
      if (const Value* t = tags->find("Tags"); t && t->isObject())
        for (auto& [k, v] : t->asObject())
          tagMapLive.insert_or_assign(k, Value(v.scalarText()));
      liveTags = common::tagList(tagMapLive);
    }
    Observed o = common::found(name);
    o.properties["QueueName"] = Value(name);
    for (auto n : kAttributes) {
      const Value* v = a ? a->find(n) : nullptr;
      if (!v) continue;
      o.properties[n] = isJsonAttribute(n) ? common::parseJsonAttribute(v->scalarText()) : *v;
    }
    // Standard queues do not report FifoQueue at all; "false" is what they are.
    if (!o.properties.find("FifoQueue")) o.properties["FifoQueue"] = Value("false");
    common::setLiveTags(o, std::move(*liveTags));
    o.attributes["Arn"] = Value(arn);
    o.attributes["QueueName"] = Value(name);
    o.attributes["QueueUrl"] = Value(url);
    co_return o;
  }
};

}  // namespace

Error createQueueError(Error e, const std::string& name) {
  if (common::hasCode(e, {"QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"})) {
    // AWS refuses the name for 60 s after a delete: a known wait, not a failure.
    return common::waiting(
        std::move(e), std::chrono::seconds(60),
        "queue " + name + " was deleted less than 60 s ago; AWS allows recreating it after 60 s");
  }
  return e;
}

const common::MakeProvider makeQueueProvider = common::make<QueueProvider>;

}  // namespace driftless::sqs
