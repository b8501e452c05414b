#include "providers/ec2/ec2_api.h"

#include <algorithm>
#include <random>

#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/common/tags.h"

namespace driftless::ec2 {

Error classified(Error e, std::string_view action, std::string_view resource) {
  e = common::withContext(std::move(e), "ec2:" + std::string(action), resource);
  if (common::hasCode(e, {"DependencyViolation", "InvalidIPAddress.InUse"})) {
    // A dependent still exists or is still being deleted (a subnet's network
    // interfaces, an attached gateway, an associated route table, the NAT
    // gateway an address is released from): a known
    // wait, retried later, never a failure loop.
    e.kind = ErrorKind::Waiting;
    if (!e.retryAfter) e.retryAfter = std::chrono::seconds(15);
  }
  return e;
}

Awaitable<Result<aws::Xml>> call(const ProviderContext& ctx, std::string_view action,
                                 aws::Params params, std::string_view resource) {
  auto r = co_await common::query(*ctx.aws, "ec2", action, std::move(params));
  if (!r) co_return fail(classified(r.error(), action, resource));
  co_return r;
}

void addFilter(aws::Params& params, int& n, std::string_view name, std::string_view value) {
  const std::string prefix = "Filter." + std::to_string(n++);
  params.emplace_back(prefix + ".Name", std::string(name));
  params.emplace_back(prefix + ".Value.1", std::string(value));
}

void addFilter(aws::Params& params, int& n, std::string_view name,
               const std::vector<std::string>& values) {
  const std::string prefix = "Filter." + std::to_string(n++);
  params.emplace_back(prefix + ".Name", std::string(name));
  for (std::size_t i = 0; i < values.size(); ++i)
    params.emplace_back(prefix + ".Value." + std::to_string(i + 1), values[i]);
}

void addOwnershipFilters(aws::Params& params, int& n, const ProviderContext& ctx,
                         const ResourceId& id) {
  const Ownership o = ctx.ownership(id);
  addFilter(params, n, "tag:" + std::string(kTagController), o.controller);
  addFilter(params, n, "tag:" + std::string(kTagEnvironment), o.environment);
  addFilter(params, n, "tag:" + std::string(kTagStack), o.stack);
  addFilter(params, n, "tag:" + std::string(kTagLogicalId), o.logicalId);
}

void addTagSpecification(aws::Params& params, std::string_view resourceType,
                         const Value::Object& tags) {
  params.emplace_back("TagSpecification.1.ResourceType", std::string(resourceType));
  int i = 1;
  for (const auto& [k, v] : tags) {
    const std::string prefix = "TagSpecification.1.Tag." + std::to_string(i++);
    params.emplace_back(prefix + ".Key", k);
    params.emplace_back(prefix + ".Value", v.scalarText());
  }
}

std::string generatedName(const Desired& d, std::size_t keep) {
  std::string token = clientToken();
  return (d.id.stack + "-" + d.id.logicalId).substr(0, keep) + "-" +
         token.substr(token.size() - 12);
}

std::string clientToken() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "driftless-";
  for (int i = 0; i < 32; ++i)
    out += kHex[rng() % 16];
  return out;
}

std::string text(pugi::xml_node node, const char* name) {
  return node.child(name).text().as_string();
}

std::vector<pugi::xml_node> items(pugi::xml_node node, const char* set) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node i : node.child(set).children("item"))
    out.push_back(i);
  return out;
}

Value tagsOf(pugi::xml_node item) {
  Value tags = Value::array();
  for (pugi::xml_node t : items(item, "tagSet")) {
    Value tag = Value::object();
    tag["Key"] = Value(text(t, "key"));
    tag["Value"] = Value(text(t, "value"));
    tags.push(std::move(tag));
  }
  return tags;
}

Value boolOf(pugi::xml_node node, const char* name) {
  return Value(text(node, name) == "true");
}

Awaitable<Result<void>> updateTags(const ProviderContext& ctx, const std::string& resourceId,
                                   const Desired& desired, const Observed& live,
                                   const Delta& delta) {
  common::TagChange change = common::tagUpdate(ctx, desired, live, delta);
  if (!change.set.empty()) {
    aws::Params p{{"ResourceId.1", resourceId}};
    int i = 1;
    for (const auto& [k, v] : change.set) {
      const std::string prefix = "Tag." + std::to_string(i++);
      p.emplace_back(prefix + ".Key", k);
      p.emplace_back(prefix + ".Value", v.scalarText());
    }
    auto r = co_await call(ctx, "CreateTags", std::move(p), resourceId);
    if (!r) co_return fail(r.error());
  }
  if (!change.remove.empty()) {
    aws::Params p{{"ResourceId.1", resourceId}};
    int i = 1;
    for (const auto& k : change.remove)
      p.emplace_back("Tag." + std::to_string(i++) + ".Key", k);
    auto r = co_await call(ctx, "DeleteTags", std::move(p), resourceId);
    if (!r) co_return fail(r.error());
  }
  co_return Result<void>{};
}

std::string singular(const std::string& name) {
  return name.ends_with("s") ? name.substr(0, name.size() - 1) : name;
}

void flatten(const PropertySpec& spec, const Value& v, const std::string& prefix,
             aws::Params& out) {
  using K = PropertySpec::Kind;
  if (spec.kind == K::Object && v.isObject()) {
    for (const auto& f : spec.fields)
      if (const Value* fv = v.find(f.name))
        flatten(f, *fv, prefix + "." + (f.kind == K::List ? singular(f.name) : f.name), out);
  } else if (spec.kind == K::List && v.isArray()) {
    int n = 1;
    for (const auto& e : v.asArray())
      flatten(spec.element[0], e, prefix + "." + std::to_string(n++), out);
  } else {
    out.emplace_back(prefix, v.scalarText());
  }
}

void keepDeclaredOrder(const Desired& desired, Observed& o, const char* property) {
  const Value* declared = desired.properties.find(property);
  const Value* live = o.properties.find(property);
  if (!declared || !live || !declared->isArray() || !live->isArray()) return;
  auto sorted = [](const Value& v) {
    std::vector<std::string> out;
    for (const auto& e : v.asArray())
      out.push_back(e.scalarText());
    std::sort(out.begin(), out.end());
    return out;
  };
  if (sorted(*declared) == sorted(*live)) o.properties[property] = *declared;
}

std::vector<std::string> minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a)
    if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
  return out;
}

}  // namespace driftless::ec2
