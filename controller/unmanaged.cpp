#include "controller/unmanaged.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "controller/cycle.h"
#include "providers/common/inventory.h"

namespace driftless::controller {

namespace {

constexpr const char* kControllerTag = "driftless:controller";

// Everything this environment's state knows a resource by, in compared form.
std::set<std::string> knownNames(const state::EnvironmentState& st) {
  std::set<std::string> out;
  for (const auto& [s, stack] : st.stacks)
    for (const auto& [l, r] : stack.resources) {
      if (!r.physicalId.empty()) out.insert(normalizeIdentity(r.physicalId));
      if (r.attributes.isObject())
        for (const auto& [a, v] : r.attributes.asObject())
          if (v.isString() && !v.asString().empty()) out.insert(normalizeIdentity(v.asString()));
    }
  return out;
}

std::string tagValue(const Value& tags, std::string_view key) {
  if (!tags.isArray()) return "";
  for (const auto& t : tags.asArray()) {
    const Value* k = t.find("Key");
    const Value* v = t.find("Value");
    if (k && v && k->isString() && v->isString() && k->asString() == key) return v->asString();
  }
  return "";
}

// The last part of an ARN's resource ("arn:aws:sqs:r:a:orders" -> "orders",
// "arn:aws:s3:::b" -> "b", "arn:...:table/t" -> "t").
std::string resourceName(std::string_view arn) {
  std::size_t colons = 0, start = 0;
  for (std::size_t i = 0; i < arn.size() && colons < 5; ++i)
    if (arn[i] == ':' && ++colons == 5) start = i + 1;
  std::string_view rest = arn.substr(start);
  if (auto slash = rest.find('/'); slash != std::string_view::npos &&
                                   !rest.starts_with("parameter") && !rest.starts_with("log-group"))
    rest = rest.substr(slash + 1);
  return std::string(rest);
}

// Whether `tags` satisfy the Tagging API `filters` ({Key, Values?}): checked
// again here because the emulator's GetResources ignores them for some services
// (moto 5.2 returns every Glue database whatever the filter).
bool matches(const Value& tags, const Value& filters) {
  if (!tags.isArray() || !filters.isArray()) return false;
  for (const auto& f : filters.asArray()) {
    const Value* key = f.find("Key");
    const Value* values = f.find("Values");
    bool found = false;
    for (const auto& t : tags.asArray()) {
      const Value* k = t.find("Key");
      const Value* v = t.find("Value");
      if (!k || !key || *k != *key) continue;
      found = !values || !values->isArray() || values->asArray().empty() ||
              (v && std::find(values->asArray().begin(), values->asArray().end(), *v) !=
                        values->asArray().end());
    }
    if (!found) return false;
  }
  return true;
}

// What follows an ARN's account: "table/orders", "role/path/name", "orders".
std::string_view resourcePart(std::string_view arn) {
  for (int colons = 0; colons < 5 && !arn.empty(); ++colons) {
    auto c = arn.find(':');
    arn = c == std::string_view::npos ? std::string_view() : arn.substr(c + 1);
  }
  return arn;
}

// One page loop of the Tagging API's GetResources: (ARN, tags) pairs.
Awaitable<Result<std::vector<std::pair<std::string, Value>>>> taggedResources(
    aws::Client& aws, const Value& filters) {
  std::vector<std::pair<std::string, Value>> out;
  std::string token;
  do {
    Value body = Value::object();
    body["TagFilters"] = filters;
    body["ResourcesPerPage"] = 100;
    if (!token.empty()) body["PaginationToken"] = token;
    auto page = co_await aws.json("tagging", "GetResources", body);
    if (!page) co_return std::unexpected(page.error());
    if (const Value* list = page->find("ResourceTagMappingList"); list && list->isArray())
      for (const auto& m : list->asArray()) {
        const Value* arn = m.find("ResourceARN");
        const Value* tags = m.find("Tags");
        if (arn && arn->isString() && tags && matches(*tags, filters))
          out.emplace_back(arn->asString(), *tags);
      }
    const Value* next = page->find("PaginationToken");
    token = next && next->isString() ? next->asString() : "";
  } while (!token.empty());
  co_return out;
}

// The names a resource of `type` may be recorded under in state, as keys of
// typedNames(): the ARN, its resource part, and its short name.
std::vector<std::string> typedKeys(std::string_view type, std::string_view arn) {
  std::string t(type);
  t += '|';
  return {t + normalizeIdentity(arn), t + std::string(resourcePart(arn)), t + resourceName(arn),
          t + common::lastPart(arn)};
}

// Every name any environment of this controller records a resource under, by type.
Awaitable<Result<std::set<std::string>>> typedNames(Runtime& runtime) {
  std::set<std::string> out;
  for (const auto& [name, config] : runtime.config().environments) {
    auto stored = co_await runtime.store().readState(name);
    if (!stored) co_return std::unexpected(stored.error());
    if (!*stored) continue;
    for (const auto& [s, stack] : (*stored)->stacks)
      for (const auto& [l, r] : stack.resources) {
        if (!r.physicalId.empty()) out.insert(r.type + "|" + normalizeIdentity(r.physicalId));
        if (r.attributes.isObject())
          for (const auto& [a, v] : r.attributes.asObject())
            if (v.isString() && !v.asString().empty())
              out.insert(r.type + "|" + normalizeIdentity(v.asString()));
      }
  }
  co_return out;
}

// Resources of the listed types (each type's Inventory, inventory_spec.h) that carry no
// ownership tag (`owned`: the Tagging API's answer) and that no state of this
// controller names (non-taggable types, and IAM, which the Tagging API does not see).
Awaitable<Result<std::vector<UnmanagedResource>>> untaggedResources(
    Runtime& runtime, EnvironmentRuntime& env, const std::set<std::string>& owned) {
  auto known = co_await typedNames(runtime);
  if (!known) co_return std::unexpected(known.error());
  std::vector<UnmanagedResource> out;
  const Registry& registry = runtime.registry();
  for (const auto& type : registry.types()) {
    const Inventory* inventory = common::inventoryOf(type);
    if (!inventory || inventory->calls.empty()) continue;
    const std::string& service = registry.info(type)->service;
    auto listed = co_await common::listInventory(*env.aws, env.context, service, *inventory);
    if (!listed) co_return std::unexpected(listed.error());
    for (const auto& arn : *listed) {
      if (owned.count(normalizeIdentity(arn))) continue;
      auto keys = typedKeys(type, arn);
      if (std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return known->count(k); }))
        continue;
      auto skip = co_await common::inventorySkips(*env.aws, service, *inventory, arn);
      if (!skip) co_return std::unexpected(skip.error());
      if (!*skip) out.push_back({"untagged", type, arn, ""});
    }
  }
  co_return out;
}

}  // namespace

std::string typeOfArn(const Registry& registry, std::string_view arn) {
  std::string_view service = arn;
  for (int colons = 0; colons < 2 && !service.empty(); ++colons)
    service.remove_prefix(std::min(service.find(':'), service.size() - 1) + 1);
  service = service.substr(0, service.find(':'));
  const std::string_view resource = resourcePart(arn);
  for (const auto& type : registry.types()) {
    const Inventory* inventory = common::inventoryOf(type);
    if (!inventory || inventory->arnMatch.empty()) continue;
    std::string_view match = inventory->arnMatch;
    auto colon = match.find(':');
    if (match.substr(0, colon) == service && resource.starts_with(match.substr(colon + 1)))
      return type;
  }
  return "";
}

std::size_t UnmanagedReport::count(const std::string& kind) const {
  return static_cast<std::size_t>(std::count_if(resources.begin(), resources.end(),
                                                [&](const auto& r) { return r.kind == kind; }));
}

Value UnmanagedReport::toValue(const std::string& env) const {
  Value v = Value::object();
  v["environment"] = env;
  Value list = Value::array();
  for (const auto& r : resources) {
    Value e = Value::object();
    e["kind"] = r.kind;
    e["type"] = r.type;
    e["arn"] = r.arn;
    if (!r.resource.empty()) e["resource"] = r.resource;
    list.push(std::move(e));
  }
  v["resources"] = std::move(list);
  return v;
}

std::string UnmanagedReport::toText(const std::string& env) const {
  if (resources.empty()) return "No unmanaged resources for environment " + env + ".\n";
  std::ostringstream out;
  for (const auto& r : resources)
    out << r.kind << "  " << (r.type.empty() ? "?" : r.type) << "  " << r.arn
        << (r.resource.empty() ? "" : "  (was " + r.resource + ")") << "\n";
  out << count("leaked") << " leaked, " << count("untagged") << " untagged\n";
  return out.str();
}

Awaitable<Result<UnmanagedReport>> findUnmanaged(Runtime& runtime, EnvironmentRuntime& env,
                                                 bool all) {
  if (auto ready = co_await prepareProviders(runtime, env); !ready)
    co_return std::unexpected(ready.error());
  auto stored = co_await runtime.store().readState(env.config.name);
  if (!stored) co_return std::unexpected(stored.error());
  std::set<std::string> known;
  if (*stored) known = knownNames(**stored);

  Value mine = Value::array();
  for (auto [key, value] :
       {std::pair<const char*, std::string>{kControllerTag, runtime.config().controller.id},
        {"driftless:environment", env.config.name}}) {
    Value f = Value::object();
    f["Key"] = key;
    f["Values"].push(Value(value));
    mine.push(std::move(f));
  }
  auto ours = co_await taggedResources(*env.aws, mine);
  if (!ours) co_return std::unexpected(ours.error());
  UnmanagedReport report;
  for (const auto& [arn, tags] : *ours) {
    if (known.count(normalizeIdentity(arn)) || known.count(resourceName(arn))) continue;
    report.resources.push_back(
        {"leaked", typeOfArn(runtime.registry(), arn), arn,
         tagValue(tags, "driftless:stack") + "/" + tagValue(tags, "driftless:logical-id")});
  }
  if (all) {
    Value anyOwner = Value::array();
    Value f = Value::object();
    f["Key"] = kControllerTag;
    anyOwner.push(std::move(f));
    auto owned = co_await taggedResources(*env.aws, anyOwner);
    if (!owned) co_return std::unexpected(owned.error());
    std::set<std::string> tagged;
    for (const auto& [arn, tags] : *owned)
      tagged.insert(normalizeIdentity(arn));
    auto untagged = co_await untaggedResources(runtime, env, tagged);
    if (!untagged) co_return std::unexpected(untagged.error());
    report.resources.insert(report.resources.end(), untagged->begin(), untagged->end());
  }
  std::sort(report.resources.begin(), report.resources.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.arn) < std::tie(b.kind, b.arn);
  });
  co_return report;
}

}  // namespace driftless::controller
