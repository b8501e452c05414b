// Per-resource property checks against the type's PropertySpecs.
#include "reconcile/cfnspec_check.h"
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

Mark Loader::valueMark(const Resource& res, const std::string& path) const {
  std::string p = path;
  while (!p.empty()) {
    if (auto it = res.valueMarks.find(p); it != res.valueMarks.end()) return it->second;
    auto dot = p.rfind('.');
    if (dot == std::string::npos) break;
    p.resize(dot);
  }
  return res.propertiesKey;
}

Mark Loader::keyMark(const Resource& res, const std::string& path) const {
  if (auto it = res.keyMarks.find(path); it != res.keyMarks.end()) return it->second;
  return valueMark(res, path);
}

std::optional<Value> parseNumber(const std::string& s, bool integer) {
  Value v = scalarValue(YamlNode{YamlNode::Kind::Scalar, "", s});
  if (integer ? v.isInt() : v.isNumber()) return v;
  return std::nullopt;
}

// The one place a resource's properties are checked against its type: the
// PropertySpecs here, then the type's cross-property rules (checkPhysicalNames).
void Loader::checkSchema(Stack& stack, Resource& res) {
  const TypeInfo& info = *res.info;
  Value& props = res.out.properties;
  const std::string& file = stack.file->path;
  for (auto& [name, v] : props.asObject()) {
    const PropertySpec* spec = info.property(name);
    if (!spec) {
      std::vector<std::string> declared;
      for (const auto& p : info.properties)
        declared.push_back(p.name);
      error(file, keyMark(res, name),
            res.logicalId + ": " + undeclaredPropertyMessage(info.type, name, declared));
      res.valid = false;
      res.unknownProperties = true;
      continue;
    }
    checkSpec(stack, res, *spec, v, name);
  }
  if (!info.physicalNameProperty.empty() && !props.find(info.physicalNameProperty)) {
    error(file, res.propertiesKey,
          res.logicalId + ": missing required property '" + info.physicalNameProperty + "' of " +
              info.type);
    res.valid = false;
  }
  if (info.conditionalSecrets)
    for (auto& path : info.conditionalSecrets(props))
      res.out.secretPaths.push_back(std::move(path));
  for (const auto& spec : info.properties) {
    if (spec.required && spec.name != info.physicalNameProperty && !props.find(spec.name)) {
      error(file, res.propertiesKey,
            res.logicalId + ": missing required property '" + spec.name + "' of " + info.type);
      res.valid = false;
    }
  }
}

void Loader::checkSpec(Stack& stack, Resource& res, const PropertySpec& spec, Value& v,
                       const std::string& path) {
  using K = PropertySpec::Kind;
  const std::string& file = stack.file->path;
  if (spec.secret) res.out.secretPaths.push_back(path);
  if (res.failedPaths.count(path)) return;
  if (hasUnresolved(v) && (!v.isObject() || v.size() == 1) && !v.isArray()) return;
  auto typeError = [&](const char* expected) {
    error(file, valueMark(res, path),
          res.logicalId + ": property '" + path + "' must be " + expected + ", got " + describe(v));
    res.valid = false;
  };
  auto plain = [&]() -> std::optional<std::string> {
    auto it = res.plainText.find(path);
    return it == res.plainText.end() ? std::nullopt : std::optional(it->second);
  };
  switch (spec.kind) {
    case K::String:
      if (v.isNull() || v.isArray() || v.isObject()) return typeError("a string");
      if (!v.isString()) v = Value(plain().value_or(v.scalarText()));
      if (!spec.allowed.empty() &&
          std::find(spec.allowed.begin(), spec.allowed.end(), v.asString()) == spec.allowed.end()) {
        error(file, valueMark(res, path),
              res.logicalId + ": property '" + path + "' must be one of " +
                  joinNames(spec.allowed) + ", got " + describe(v));
        res.valid = false;
      }
      return;
    case K::Integer:
      if (v.isInt()) return;
      if (v.isDouble() && std::floor(v.asDouble()) == v.asDouble() && std::isfinite(v.asDouble())) {
        v = Value(static_cast<std::int64_t>(v.asDouble()));
        return;
      }
      if (auto n = v.isString() ? parseNumber(v.asString(), true) : std::nullopt) {
        v = *n;
        return;
      }
      return typeError("an integer");
    case K::Number:
      if (v.isNumber()) return;
      if (auto n = v.isString() ? parseNumber(v.asString(), false) : std::nullopt) {
        v = *n;
        return;
      }
      return typeError("a number");
    case K::Boolean:
      if (v.isBool()) return;
      if (v.isString() && (v.asString() == "true" || v.asString() == "false")) {
        v = Value(v.asString() == "true");
        return;
      }
      return typeError("true or false");
    case K::Json:
      return;
    case K::Object:
      if (!v.isObject()) return typeError("a map");
      return checkObject(stack, res, spec, v, path);
    case K::List: {
      if (!v.isArray()) return typeError("a list");
      if (spec.element.empty()) return;
      for (std::size_t i = 0; i < v.size(); ++i)
        checkSpec(stack, res, spec.element[0], v.asArray()[i], joinPath(path, std::to_string(i)));
      return;
    }
    case K::Map: {
      if (!v.isObject()) return typeError("a map");
      if (spec.element.empty()) return;
      for (auto& [name, child] : v.asObject())
        checkSpec(stack, res, spec.element[0], child, joinPath(path, name));
      return;
    }
    case K::Tags:
      if (!v.isArray()) return typeError("a list of {Key, Value}");
      return checkTags(stack, res, v, path);
  }
}

void Loader::checkObject(Stack& stack, Resource& res, const PropertySpec& spec, Value& v,
                         const std::string& path) {
  const std::string& file = stack.file->path;
  for (auto& [name, child] : v.asObject()) {
    std::string cp = joinPath(path, name);
    auto it = std::find_if(spec.fields.begin(), spec.fields.end(),
                           [&](const PropertySpec& f) { return f.name == name; });
    if (it == spec.fields.end()) {
      std::vector<std::string> declared;
      for (const auto& f : spec.fields)
        declared.push_back(f.name);
      error(file, keyMark(res, cp),
            res.logicalId + ": " + undeclaredPropertyMessage(res.info->type, cp, declared));
      res.valid = false;
      res.unknownProperties = true;
      continue;
    }
    checkSpec(stack, res, *it, child, cp);
  }
  for (const auto& f : spec.fields) {
    if (f.required && !v.find(f.name)) {
      error(file, keyMark(res, path),
            res.logicalId + ": missing required property '" + joinPath(path, f.name) + "' of " +
                res.info->type);
      res.valid = false;
    }
  }
}

void Loader::checkTags(Stack& stack, Resource& res, Value& v, const std::string& path) {
  const std::string& file = stack.file->path;
  for (std::size_t i = 0; i < v.size(); ++i) {
    Value& t = v.asArray()[i];
    std::string tp = joinPath(path, std::to_string(i));
    const Value* key = t.find("Key");
    const Value* val = t.find("Value");
    auto scalarLike = [](const Value* x) {
      return x && !x->isArray() && (!x->isObject() || hasUnresolved(*x));
    };
    if (!t.isObject() || t.size() != 2 || !scalarLike(key) || !scalarLike(val)) {
      error(file, valueMark(res, tp),
            res.logicalId + ": property '" + tp + "' must be {Key: ..., Value: ...}");
      res.valid = false;
      continue;
    }
    if (!key->isString() && !hasUnresolved(*key)) t["Key"] = Value(key->scalarText());
    if (!val->isString() && !hasUnresolved(*val)) {
      auto it = res.plainText.find(tp + ".Value");
      t["Value"] = Value(it != res.plainText.end() ? it->second : val->scalarText());
    }
    const Value& k = *t.find("Key");
    if (k.isString() && k.asString().starts_with(kTagPrefix)) {
      error(file, valueMark(res, tp),
            res.logicalId + ": tag keys starting with 'driftless:' are reserved");
      res.valid = false;
    }
  }
}

}  // namespace driftless::reconcile::detail
