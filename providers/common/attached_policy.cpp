#include "providers/common/attached_policy.h"

#include <algorithm>

#include "providers/common/cfn_schema.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"
#include "providers/compare.h"

namespace driftless::common {

namespace {

void checkParents(const Properties& props, const std::string& list, std::string_view what,
                  std::string_view parentType, bool (*isKey)(std::string_view),
                  std::vector<std::string>& out) {
  const Value* keys = props.find(list);
  if (!keys || !keys->isArray()) return;
  if (keys->size() == 0) out.push_back(list + ": must list at least one " + std::string(what));
  for (const auto& e : keys->asArray())
    if (e.isString() && !isKey(e.asString()))
      out.push_back(list + ": \"" + e.asString() + "\" is not a " + std::string(what) +
                    " (use !Ref of the " + std::string(parentType) + ")");
}

}  // namespace

TypeInfo listedPolicyTypeInfo(ListedPolicy policy) {
  // No name and no tags of its own: identified by its parents; owned through
  // them and the state entry.
  TypeInfo t = typeInfo({.type = policy.type,
                         .ref = "Id",
                         .attributes = {"Id"},
                         .manage = {policy.list, "PolicyDocument"},
                         .taggable = false,
                         .iam = std::move(policy.iamActions)});
  t.validate = [policy = std::move(policy)](const Properties& props) {
    std::vector<std::string> out;
    checkParents(props, policy.list, policy.what, policy.parentType, policy.isKey, out);
    checkPolicyDocument(props, out);
    return out;
  };
  return t;
}

void checkPolicyDocument(const Properties& props, std::vector<std::string>& out) {
  if (const Value* doc = props.find("PolicyDocument"); doc && doc->isString())
    if (!jsonDocument(doc)) out.push_back("PolicyDocument: is a string but not a JSON document");
}

namespace {

constexpr char kSeparator = '|';

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> split(const std::string& id) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < id.size()) {
    auto sep = id.find(kSeparator, start);
    if (sep == std::string::npos) sep = id.size();
    if (sep > start) out.push_back(id.substr(start, sep - start));
    start = sep + 1;
  }
  return out;
}

std::string joined(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys)
    out += (out.empty() ? "" : std::string(1, kSeparator)) + k;
  return out;
}

std::string policyText(const Desired& desired) {
  const Value* doc = desired.properties.find("PolicyDocument");
  if (!doc) return "";
  return doc->isString() ? doc->asString() : doc->toJson();
}

}  // namespace

std::vector<std::string> AttachedPolicyProvider::parentKeys(const Properties& properties) const {
  std::vector<std::string> out;
  if (const Value* list = properties.find(list_); list && list->isArray())
    for (const auto& e : list->asArray())
      if (!contains(out, e.scalarText())) out.push_back(e.scalarText());
  return out;
}

void AttachedPolicyProvider::showParent(Properties& live, const std::string& key) const {
  if (!live.find(list_)) live[list_] = Value::array();
  live[list_].push(Value(key));
}

// The manifest's keys, then those last applied (the physical id) it no longer lists.
std::vector<std::string> AttachedPolicyProvider::keysToObserve(const Desired& desired) const {
  std::vector<std::string> out = parentKeys(desired.properties);
  for (auto& k : split(desired.physicalId))
    if (!contains(out, k)) out.push_back(std::move(k));
  return out;
}

Awaitable<Result<Observed>> AttachedPolicyProvider::observe(const Desired& desired) {
  Observed o;
  const Value* want = desired.properties.find("PolicyDocument");
  const Value wanted = want ? canonicalJson(*want) : Value();
  std::optional<Value> shown;
  for (const auto& key : keysToObserve(desired)) {
    auto doc = co_await readPolicy(key);
    if (!doc) co_return fail(doc.error());
    if (!*doc) continue;
    showParent(o.properties, key);
    bool same = wanted == canonicalJson(**doc);
    if (!shown || (!same && canonicalJson(*shown) == wanted)) shown = std::move(**doc);
  }
  if (!shown) co_return o;
  o.exists = true;
  o.properties["PolicyDocument"] = std::move(*shown);
  // The identity stays what state recorded; a new resource's is the manifest's keys.
  o.physicalId =
      desired.physicalId.empty() ? joined(parentKeys(desired.properties)) : desired.physicalId;
  o.attributes["Id"] = Value(o.physicalId);
  co_return o;
}

Awaitable<Result<Observed>> AttachedPolicyProvider::create(const Desired& desired) {
  const std::string text = policyText(desired);
  for (const auto& key : parentKeys(desired.properties))
    if (auto r = co_await writePolicy(key, text); !r) co_return fail(r.error());
  co_return co_await reread(desired);
}

Awaitable<Result<Observed>> AttachedPolicyProvider::update(const Desired& desired, const Observed&,
                                                           const Delta&) {
  const std::string text = policyText(desired);
  std::vector<std::string> wanted = parentKeys(desired.properties);
  for (const auto& key : wanted)
    if (auto r = co_await writePolicy(key, text); !r) co_return fail(r.error());
  for (const auto& key : keysToObserve(desired))
    if (!contains(wanted, key))
      if (auto r = co_await detachPolicy(key); !r) co_return fail(r.error());
  co_return co_await reread(desired);
}

Awaitable<Result<void>> AttachedPolicyProvider::remove(const Desired& desired, const Observed&) {
  for (const auto& key : keysToObserve(desired))
    if (auto r = co_await detachPolicy(key); !r) co_return fail(r.error());
  co_return Result<void>{};
}

// After a write the identity is the manifest's keys.
Awaitable<Result<Observed>> AttachedPolicyProvider::reread(const Desired& desired) {
  Desired now = desired;
  now.physicalId.clear();
  co_return co_await observe(now);
}

}  // namespace driftless::common
