#include "providers/common/attached_policy.h"

#include <algorithm>

#include "providers/compare.h"

namespace driftless::common {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> split(const std::string& id) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < id.size()) {
    auto comma = id.find(',', start);
    if (comma == std::string::npos) comma = id.size();
    if (comma > start) out.push_back(id.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// The parents of a list property, as text, in manifest order, without repeats.
std::vector<std::string> parentList(const Value* list) {
  std::vector<std::string> out;
  if (list && list->isArray())
    for (const auto& e : list->asArray())
      if (!contains(out, e.scalarText())) out.push_back(e.scalarText());
  return out;
}

std::string parentsId(const std::vector<std::string>& parents) {
  std::string out;
  for (const auto& p : parents)
    out += (out.empty() ? "" : ",") + p;
  return out;
}

// The manifest's list, then those of the last applied list it no longer holds.
std::vector<std::string> parentsToObserve(const Desired& desired, std::string_view list) {
  std::vector<std::string> out = parentList(desired.properties.find(list));
  for (auto& p : split(desired.physicalId))
    if (!contains(out, p)) out.push_back(std::move(p));
  return out;
}

struct ParentPolicy {
  std::string parent;
  std::optional<Value> document;
};

Observed observed(const Desired& desired, std::string_view list,
                  const std::vector<ParentPolicy>& live) {
  Observed o;
  const Value* want = desired.properties.find("PolicyDocument");
  const Value wanted = want ? canonicalJson(*want) : Value();
  Value holding = Value::array();
  std::optional<Value> shown;
  for (const auto& p : live) {
    if (!p.document) continue;
    holding.push(Value(p.parent));
    bool same = wanted == canonicalJson(*p.document);
    if (!shown || (!same && canonicalJson(*shown) == wanted)) shown = *p.document;
  }
  if (!shown) return o;
  o.exists = true;
  o.properties[list] = std::move(holding);
  o.properties["PolicyDocument"] = std::move(*shown);
  // The identity stays what state recorded; a new resource's is the manifest's list.
  o.physicalId = desired.physicalId.empty() ? parentsId(parentList(desired.properties.find(list)))
                                            : desired.physicalId;
  o.attributes["Id"] = Value(o.physicalId);
  return o;
}

std::string policyText(const Desired& desired) {
  const Value* doc = desired.properties.find("PolicyDocument");
  if (!doc) return "";
  return doc->isString() ? doc->asString() : doc->toJson();
}

}  // namespace

Awaitable<Result<Observed>> AttachedPolicyProvider::observe(const Desired& desired) {
  std::vector<ParentPolicy> live;
  for (const auto& parent : parentsToObserve(desired, list_)) {
    auto doc = co_await readPolicy(parent);
    if (!doc) co_return fail(doc.error());
    live.push_back({parent, std::move(*doc)});
  }
  co_return observed(desired, list_, live);
}

Awaitable<Result<Observed>> AttachedPolicyProvider::create(const Desired& desired) {
  const std::string text = policyText(desired);
  for (const auto& parent : parentList(desired.properties.find(list_)))
    if (auto r = co_await writePolicy(parent, text); !r) co_return fail(r.error());
  co_return co_await reread(desired);
}

Awaitable<Result<Observed>> AttachedPolicyProvider::update(const Desired& desired,
                                                           const Observed& live,
                                                           const Delta& delta) {
  const std::string text = policyText(desired);
  std::vector<std::string> wanted = parentList(desired.properties.find(list_));
  std::vector<std::string> holding = parentList(live.properties.find(list_));
  bool rewrite = delta.differentAt("PolicyDocument");
  for (const auto& parent : wanted)
    if (rewrite || !contains(holding, parent))
      if (auto r = co_await writePolicy(parent, text); !r) co_return fail(r.error());
  for (const auto& parent : holding)
    if (!contains(wanted, parent))
      if (auto r = co_await detachPolicy(parent); !r) co_return fail(r.error());
  co_return co_await reread(desired);
}

Awaitable<Result<void>> AttachedPolicyProvider::remove(const Desired& desired, const Observed&) {
  for (const auto& parent : parentsToObserve(desired, list_))
    if (auto r = co_await detachPolicy(parent); !r) co_return fail(r.error());
  co_return Result<void>{};
}

// After a write the identity is the manifest's list.
Awaitable<Result<Observed>> AttachedPolicyProvider::reread(const Desired& desired) {
  Desired now = desired;
  now.physicalId.clear();
  co_return co_await observe(now);
}

}  // namespace driftless::common
