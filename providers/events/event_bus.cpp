#include "providers/events/event_bus.h"

#include "providers/aws/client.h"
#include "providers/common/bulk_read.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/compare.h"
#include "providers/events/schema.h"
#include "providers/events/tags.h"

namespace driftless::events {

namespace {

const common::JsonTagApi& kTags = kTagApi;

// The settings UpdateEventBus sets (CreateEventBus takes them too).
const std::vector<std::string_view> kSettings = {"Description", "KmsKeyIdentifier",
                                                 "DeadLetterConfig", "LogConfig"};

class EventBusProvider final : public common::JsonProvider<common::ProviderBase> {
 public:
  explicit EventBusProvider(ProviderContext ctx)
      : JsonProvider("events", std::move(ctx), eventBusTypeInfo()) {}

  // Tags from the observation's Tagging API snapshot when they agree.
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    co_return co_await describe(this->name(desired), &desired);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string name = this->name(desired);
    Value body = Value::object();
    body["Name"] = Value(name);
    for (auto s : kSettings)
      if (const Value* v = desired.properties.find(s)) body[s] = *v;
    if (const Value* source = desired.properties.find("EventSourceName"))
      body["EventSourceName"] = *source;
    body["Tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateEventBus", body);
    if (!r) co_return fail(r.error());
    if (const Value* policy = desired.properties.find("Policy")) {
      auto p = co_await putPolicy(name, *policy);
      if (!p) co_return fail(p.error());
    }
    co_return co_await describe(name);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string name = this->name(desired);
    bool settings = false;
    for (auto s : kSettings)
      settings = settings || (desired.properties.find(s) && delta.differentAt(s));
    if (settings) {
      // UpdateEventBus resets what it is not given: send the live value of
      // every setting the manifest does not manage.
      Value body = Value::object();
      body["Name"] = Value(name);
      for (auto s : kSettings) {
        const Value* v = desired.properties.find(s);
        if (!v) v = live.properties.find(s);
        if (v) body[s] = *v;
      }
      auto r = co_await call("UpdateEventBus", body);
      if (!r) co_return fail(r.error());
    }
    const Value* policy = desired.properties.find("Policy");
    if (policy && delta.differentAt("Policy")) {
      auto p = co_await putPolicy(name, *policy);
      if (!p) co_return fail(p.error());
    }
    const std::string arn = live.attributes.find("Arn")->scalarText();
    auto t = co_await common::updateTags(ctx_, kTags, arn, desired, live, delta);
    if (!t) co_return fail(t.error());
    co_return co_await describe(name);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    co_return co_await removeNamed("DeleteEventBus", "Name", desired, live);
  }

 private:
  // The whole resource policy: PutPermission with Policy replaces it.
  Awaitable<Result<Value>> putPolicy(const std::string& name, const Value& policy) {
    Value body = Value::object();
    body["EventBusName"] = Value(name);
    body["Policy"] = Value(policy.isString() ? policy.asString() : policy.toJson());
    co_return co_await call("PutPermission", body);
  }

  // The bus; with `observing`, in a full observation (never after a write:
  // the Tagging API lags it), its tags from the snapshot when they agree.
  Awaitable<Result<Observed>> describe(const std::string& name,
                                       const Desired* observing = nullptr) {
    Value request = Value::object();
    request["Name"] = Value(name);
    auto bus = co_await call("DescribeEventBus", request);
    if (!bus) co_return common::absentOr(bus.error());
    const std::string arn = bus->find("Arn") ? bus->find("Arn")->scalarText() : "";
    const Desired none;
    auto tags = co_await common::liveTags(ctx_, kTags, observing ? *observing : none, arn, arn,
                                          observing != nullptr);
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = common::found(name, "Name");
    // DescribeEventBus does not name the source; a partner bus is named as its
    // source (CreateEventBus refuses any other name), so its name is the source.
    if (name.starts_with("aws.partner/")) o.properties["EventSourceName"] = Value(name);
    for (auto s : kSettings)
      if (const Value* v = bus->find(s)) o.properties[s] = *v;
    if (const Value* p = bus->find("Policy"); p && p->isString())
      if (auto doc = Value::fromJson(p->asString())) o.properties["Policy"] = *doc;
    common::setLiveTags(o, *tags);
    o.attributes["Arn"] = Value(arn);
    o.attributes["Name"] = Value(name);
    o.attributes["Policy"] =
        o.properties.find("Policy") ? Value(o.properties["Policy"].toJson()) : Value("");
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeEventBusProvider = common::make<EventBusProvider>;

}  // namespace driftless::events
