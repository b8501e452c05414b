#include "providers/compare.h"

#include <algorithm>

namespace driftless {

namespace {

std::string join(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

bool scalarEquivalent(const Value& a, const Value& b) {
  if (a == b) return true;
  if (a.isScalar() && b.isScalar() && !a.isNull() && !b.isNull()) {
    if (a.isNumber() || b.isNumber()) {
      // "5" vs 5, "5.0" vs 5
      try {
        double x = a.isNumber() ? a.asDouble() : std::stod(a.scalarText());
        double y = b.isNumber() ? b.asDouble() : std::stod(b.scalarText());
        return x == y;
      } catch (...) {
        return false;
      }
    }
    return a.scalarText() == b.scalarText();
  }
  return false;
}

void compareInto(const PropertySpec& spec, const std::string& path, const Value& desired,
                 const Value* live, Delta& out) {
  if (!live) {
    out.changes.push_back({path, desired, std::nullopt});
    return;
  }
  if (spec.kind == PropertySpec::Kind::Object && desired.isObject() && live->isObject()) {
    for (const auto& [name, dv] : desired.asObject()) {
      auto it = std::find_if(spec.fields.begin(), spec.fields.end(),
                             [&](const PropertySpec& f) { return f.name == name; });
      PropertySpec fallback = PropertySpec::json(name);
      compareInto(it != spec.fields.end() ? *it : fallback, join(path, name), dv, live->find(name),
                  out);
    }
    return;
  }
  if (!equivalent(spec, desired, *live)) out.changes.push_back({path, desired, *live});
}

}  // namespace

Value canonicalJson(const Value& v) {
  if (v.isString()) {
    const auto& s = v.asString();
    auto first = s.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (s[first] == '{' || s[first] == '[')) {
      if (auto parsed = Value::fromJson(s)) return canonicalJson(*parsed);
    }
    return v;
  }
  if (v.isArray()) {
    if (v.asArray().size() == 1) return canonicalJson(v.asArray()[0]);
    Value out = Value::array();
    for (const auto& e : v.asArray())
      out.push(canonicalJson(e));
    return out;
  }
  if (v.isObject()) {
    Value out = Value::object();
    for (const auto& [k, e] : v.asObject())
      out[k] = canonicalJson(e);
    return out;
  }
  if (v.isNumber() || v.isBool()) return Value(v.scalarText());
  return v;
}

Value::Object tagMap(const Value& tags, bool dropOwnership) {
  Value::Object out;
  if (tags.isArray()) {
    for (const auto& t : tags.asArray()) {
      const Value* k = t.find("Key");
      const Value* v = t.find("Value");
      if (!k || !k->isString()) continue;
      if (dropOwnership && k->asString().starts_with(kTagPrefix)) continue;
      out.insert_or_assign(k->asString(), v ? Value(v->scalarText()) : Value(""));
    }
  } else if (tags.isObject()) {  // some APIs return tags as a map
    for (const auto& [k, v] : tags.asObject()) {
      if (dropOwnership && std::string_view(k).starts_with(kTagPrefix)) continue;
      out.insert_or_assign(k, Value(v.scalarText()));
    }
  }
  return out;
}

namespace {

// The four ownership tags' values, read in place (no map of every tag): the last
// of a repeated key wins, as in tagMap.
struct OwnershipTags {
  const Value* value[4] = {};
  bool controller = false;

  void see(std::string_view key, const Value* v) {
    if (!key.starts_with(kTagPrefix)) return;
    static constexpr std::string_view kKeys[4] = {kTagController, kTagEnvironment, kTagStack,
                                                  kTagLogicalId};
    for (std::size_t i = 0; i < 4; ++i)
      if (key == kKeys[i]) {
        value[i] = v;
        controller = controller || i == 0;
      }
  }
  std::string text(std::size_t i) const { return value[i] ? value[i]->scalarText() : ""; }
};

}  // namespace

std::optional<Ownership> ownershipFromTags(const Value& tags) {
  OwnershipTags found;
  if (tags.isArray()) {
    for (const auto& t : tags.asArray()) {
      const Value* k = t.find("Key");
      if (k && k->isString()) found.see(k->asString(), t.find("Value"));
    }
  } else if (tags.isObject()) {
    for (const auto& [k, v] : tags.asObject())
      found.see(k, &v);
  }
  if (!found.controller) return std::nullopt;
  return Ownership{found.text(0), found.text(1), found.text(2), found.text(3)};
}

bool equivalent(const PropertySpec& spec, const Value& desired, const Value& live) {
  using K = PropertySpec::Kind;
  switch (spec.kind) {
    case K::Tags:
      return tagMap(desired) == tagMap(live);
    case K::Json:
      return canonicalJson(desired) == canonicalJson(live);
    case K::Object: {
      if (!desired.isObject() || !live.isObject()) return desired == live;
      Delta d;
      compareInto(spec, "", desired, &live, d);
      return d.empty();
    }
    case K::List: {
      if (!desired.isArray() || !live.isArray()) return scalarEquivalent(desired, live);
      const auto& a = desired.asArray();
      const auto& b = live.asArray();
      if (a.size() != b.size()) return false;
      const PropertySpec elem = spec.element.empty() ? PropertySpec::json("") : spec.element[0];
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!equivalent(elem, a[i], b[i])) return false;
      return true;
    }
    case K::Map: {
      if (!desired.isObject() || !live.isObject()) return desired == live;
      const auto& a = desired.asObject();
      const auto& b = live.asObject();
      if (a.size() != b.size()) return false;
      const PropertySpec elem = spec.element.empty() ? PropertySpec::json("") : spec.element[0];
      for (const auto& [k, v] : a) {
        auto it = b.find(k);
        if (it == b.end() || !equivalent(elem, v, it->second)) return false;
      }
      return true;
    }
    default:
      return scalarEquivalent(desired, live);
  }
}

Delta compareProperties(const TypeInfo& info, const Properties& desired, const Properties& live) {
  Delta out;
  if (!desired.isObject()) return out;
  for (const auto& [name, dv] : desired.asObject()) {
    const PropertySpec* spec = info.property(name);
    PropertySpec fallback = PropertySpec::json(name);
    compareInto(spec ? *spec : fallback, name, dv, live.find(name), out);
  }
  return out;
}

bool Delta::differentAt(std::string_view path) const {
  for (const auto& c : changes) {
    std::string_view p = c.path;
    if (p == path) return true;
    if (p.starts_with(path) && p.size() > path.size() && p[path.size()] == '.') return true;
    if (path.starts_with(p) && path.size() > p.size() && path[p.size()] == '.') return true;
  }
  return false;
}

bool Delta::onlyAt(std::initializer_list<std::string_view> paths) const {
  for (const auto& c : changes) {
    bool covered = false;
    for (auto path : paths) {
      std::string_view p = c.path;
      if (p == path || (p.starts_with(path) && p.size() > path.size() && p[path.size()] == '.'))
        covered = true;
    }
    if (!covered) return false;
  }
  return true;
}

Delta Provider::diff(const Desired& desired, const Observed& live) const {
  return compareProperties(info(), desired.properties, live.properties);
}

Value ProviderContext::ownershipTags(const ResourceId& id) const {
  Value tags = Value::array();
  auto add = [&](std::string_view k, const std::string& v) {
    Value t = Value::object();
    t["Key"] = Value(k);
    t["Value"] = Value(v);
    tags.push(std::move(t));
  };
  add(kTagController, controllerId);
  add(kTagEnvironment, environment);
  add(kTagStack, id.stack);
  add(kTagLogicalId, id.logicalId);
  return tags;
}

}  // namespace driftless
