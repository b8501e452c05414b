#include "providers/events/rule.h"

#include <algorithm>

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/described.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/listed_or_read.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/events/rule_listing.h"
#include "providers/events/schema.h"
#include "providers/events/tags.h"

namespace driftless::events {

namespace {

const common::JsonTagApi& kTags = kTagApi;

// PutRule's settings besides Name/EventBusName/Tags. PutRule replaces the rule:
// what it is not given is reset, so update() sends live values for these when
// the manifest does not manage them.
const std::vector<std::string_view> kSettings = {"Description", "EventPattern",
                                                 "ScheduleExpression", "State", "RoleArn"};

std::string targetId(const Value& t) {
  const Value* id = t.find("Id");
  return id ? id->scalarText() : "";
}

// A manifest target in the API's shape (the same field names; numbers as JSON numbers).
Value apiTarget(const Value& t) {
  Value out = t;
  if (Value* retry = out.find("RetryPolicy"); retry && retry->isObject())
    for (auto& [k, v] : retry->asObject())
      if (auto n = common::asJsonInt(v)) v = *n;
  return out;
}

// Live targets in the manifest's order (by Id), then any others by Id, so the
// schema's element-wise list comparison sees the same target at the same index.
Value orderTargets(const Value* desired, const Value* live) {
  std::vector<Value> rest = live && live->isArray() ? live->asArray() : std::vector<Value>{};
  Value out = Value::array();
  if (desired && desired->isArray())
    for (const auto& d : desired->asArray()) {
      auto it = std::find_if(rest.begin(), rest.end(),
                             [&](const Value& l) { return targetId(l) == targetId(d); });
      if (it == rest.end()) continue;
      out.push(*it);
      rest.erase(it);
    }
  std::sort(rest.begin(), rest.end(),
            [](const Value& a, const Value& b) { return targetId(a) < targetId(b); });
  for (auto& r : rest)
    out.push(std::move(r));
  return out;
}

class RuleProvider final : public common::JsonProvider<common::DescribedProvider> {
 public:
  explicit RuleProvider(ProviderContext ctx)
      : JsonProvider("events", std::move(ctx), ruleTypeInfo()) {}

  // In a full observation, from the one ListRules listing of the rule's bus
  // and the names' common prefix when the cost model chose it; a rule the
  // listing lacks or shows drifted is described on its own (rule_listing.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string prefix = co_await common::expectedPrefix(ctx_, info_.type);
    const common::BulkSource listing = ruleListing(ctx_, busName(desired), prefix);
    const std::string name = this->name(desired);
    co_return co_await common::listedOrReadBy(ctx_, listing, *this, desired, name,
                                              &RuleProvider::listedRule,
                                              &RuleProvider::observedRule);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = ruleRequest(desired, nullptr);
    body["Tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("PutRule", body);
    if (!r) co_return fail(r.error());
    if (const Value* targets = desired.properties.find("Targets"); targets && targets->size() > 0) {
      auto p = co_await putTargets(desired, *targets);
      if (!p) co_return fail(p.error());
    }
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    bool settings = false;
    for (auto s : kSettings)
      settings = settings || (desired.properties.find(s) && delta.differentAt(s));
    if (settings) {
      Value body = ruleRequest(desired, &live);
      auto r = co_await call("PutRule", body);
      if (!r) co_return fail(r.error());
    }
    if (desired.properties.find("Targets") && delta.differentAt("Targets")) {
      auto t = co_await syncTargets(desired, live);
      if (!t) co_return fail(t.error());
    }
    const std::string arn = live.attributes.find("Arn")->scalarText();
    co_return co_await retagged(kTags, arn, desired, live, delta);
  }

  // EventBridge refuses to delete a rule that still has targets: remove them first.
  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    auto targets = co_await listTargets(desired);
    if (!targets) {
      if (common::isNotFound(targets.error())) co_return Result<void>{};
      co_return fail(targets.error());
    }
    std::vector<std::string> ids;
    for (const auto& t : targets->asArray())
      ids.push_back(targetId(t));
    auto removed = co_await removeTargets(desired, ids);
    if (!removed) co_return fail(removed.error());
    Value body = ruleKey(desired, "Name");
    auto r = co_await call("DeleteRule", body);
    co_return common::deleted(r);
  }

 private:
  static std::string busName(const Desired& d) {
    const Value* b = d.properties.find("EventBusName");
    return b ? b->scalarText() : "";
  }

  // {<nameField>: rule, EventBusName: bus (when not the default)}.
  Value ruleKey(const Desired& d, std::string_view nameField) const {
    Value body = Value::object();
    body[nameField] = Value(this->name(d));
    if (!busName(d).empty()) body["EventBusName"] = Value(busName(d));
    return body;
  }

  // PutRule's request: the manifest's settings, and with `live` the live value of
  // each setting the manifest does not manage (PutRule resets what it is not given).
  Value ruleRequest(const Desired& d, const Observed* live) const {
    Value body = ruleKey(d, "Name");
    for (auto s : kSettings) {
      const Value* v = d.properties.find(s);
      if (!v && live) v = live->properties.find(s);
      if (!v) continue;
      body[s] = s == "EventPattern" && !v->isString() ? Value(v->toJson()) : *v;
    }
    return body;
  }

  // PutTargets and RemoveTargets answer 200 with per-entry failures.
  static Result<void> entryFailures(const Value& response, std::string_view op) {
    const Value* n = response.find("FailedEntryCount");
    if (!n || common::intLike(n).value_or(0) == 0) return {};
    std::string why;
    if (const Value* entries = response.find("FailedEntries"); entries && entries->isArray())
      for (const auto& e : entries->asArray())
        why += (why.empty() ? "" : "; ") + targetId(e) + ": " +
               (e.find("ErrorMessage") ? e.find("ErrorMessage")->scalarText() : "failed");
    return fail(ErrorKind::Invalid, "events:" + std::string(op) + ": " + why);
  }

  Awaitable<Result<void>> putTargets(const Desired& d, const Value& targets) {
    Value body = ruleKey(d, "Rule");
    Value list = Value::array();
    for (const auto& t : targets.asArray())
      list.push(apiTarget(t));
    body["Targets"] = std::move(list);
    auto r = co_await call("PutTargets", body);
    if (!r) co_return fail(r.error());
    co_return entryFailures(*r, "PutTargets");
  }

  Awaitable<Result<void>> removeTargets(const Desired& d, const std::vector<std::string>& ids) {
    if (ids.empty()) co_return Result<void>{};
    Value body = ruleKey(d, "Rule");
    Value list = Value::array();
    for (const auto& id : ids)
      list.push(Value(id));
    body["Ids"] = std::move(list);
    auto r = co_await call("RemoveTargets", body);
    if (!r) co_return fail(r.error());
    co_return entryFailures(*r, "RemoveTargets");
  }

  // Targets keyed by Id: put the new and changed ones, remove the ones no longer declared.
  Awaitable<Result<void>> syncTargets(const Desired& d, const Observed& live) {
    const Value& desired = *d.properties.find("Targets");
    const Value* liveTargets = live.properties.find("Targets");
    const PropertySpec& elem = info_.property("Targets")->element[0];
    Value put = Value::array();
    for (const auto& t : desired.asArray()) {
      const Value* match = nullptr;
      if (liveTargets)
        for (const auto& l : liveTargets->asArray())
          if (targetId(l) == targetId(t)) match = &l;
      if (!match || !equivalent(elem, t, *match)) put.push(t);
    }
    std::vector<std::string> remove;
    if (liveTargets)
      for (const auto& l : liveTargets->asArray()) {
        bool declared = false;
        for (const auto& t : desired.asArray())
          declared = declared || targetId(t) == targetId(l);
        if (!declared) remove.push_back(targetId(l));
      }
    if (put.size() > 0) {
      auto p = co_await putTargets(d, put);
      if (!p) co_return p;
    }
    co_return co_await removeTargets(d, remove);
  }

  Awaitable<Result<Value>> listTargets(const Desired& d) {
    Value body = ruleKey(d, "Rule");
    auto r = co_await call("ListTargetsByRule", body);
    if (!r) co_return fail(r.error());
    const Value* t = r->find("Targets");
    co_return t && t->isArray() ? *t : Value::array();
  }

  // The read after a write: tags from the rule itself.
  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    co_return co_await readRule(desired, false);
  }

  // A full observation's reads: tags from the Tagging API snapshot when they agree.
  Awaitable<Result<Observed>> listedRule(const Desired& desired, const Value& rule) {
    return fromRule(desired, rule, true);
  }
  Awaitable<Result<Observed>> observedRule(const Desired& desired) {
    return readRule(desired, true);
  }

  Awaitable<Result<Observed>> readRule(const Desired& desired, bool observing) {
    Value request = ruleKey(desired, "Name");
    auto rule = co_await call("DescribeRule", request);
    if (!rule) co_return common::absentOr(rule.error());
    co_return co_await fromRule(desired, *rule, observing);
  }

  // The rule DescribeRule or ListRules tells, with its tags (from the
  // observation's Tagging API snapshot when `observing` and they agree) and,
  // when the manifest manages them, its targets.
  Awaitable<Result<Observed>> fromRule(const Desired& desired, const Value& rule, bool observing) {
    const std::string arn = rule.find("Arn") ? rule.find("Arn")->scalarText() : "";
    auto tags = co_await common::liveTags(ctx_, kTags, desired, arn, arn, observing);
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = fromDescription(desired, rule, *tags);
    if (const Value* wanted = desired.properties.find("Targets")) {
      auto targets = co_await listTargets(desired);
      if (!targets) co_return common::absentOr(targets.error());
      o.properties["Targets"] = orderTargets(wanted, &*targets);
    }
    co_return o;
  }

  Observed fromDescription(const Desired& desired, const Value& rule, const Value& tags) const {
    Observed o;
    o.exists = true;
    const std::string name = this->name(desired);
    o.physicalId = name;
    o.properties["Name"] = Value(name);
    if (!busName(desired).empty()) o.properties["EventBusName"] = Value(busName(desired));
    for (auto s : kSettings)
      if (const Value* v = rule.find(s))
        o.properties[s] = s == "EventPattern" ? common::parseJsonAttribute(v->scalarText()) : *v;
    common::setLiveTags(o, tags);
    const std::string bus = busName(desired);
    o.attributes["Arn"] = Value(rule.find("Arn") ? rule.find("Arn")->scalarText() : "");
    o.attributes["RuleName"] = Value(name);
    o.attributes["Ref"] = Value(bus.empty() || bus == "default" ? name : bus + "|" + name);
    return o;
  }
};

}  // namespace

const common::MakeProvider makeRuleProvider = common::make<RuleProvider>;

}  // namespace driftless::events
