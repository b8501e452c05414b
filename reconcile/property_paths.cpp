#include "reconcile/property_paths.h"

#include <charconv>

namespace driftless::reconcile {

bool pathUnder(std::string_view path, std::string_view prefix) {
  return path == prefix ||
         (path.size() > prefix.size() && path.starts_with(prefix) && path[prefix.size()] == '.');
}

namespace {

const PropertySpec* child(const PropertySpec* spec, std::string_view seg) {
  if (spec->kind == PropertySpec::Kind::Object) {
    for (const auto& f : spec->fields)
      if (f.name == seg) return &f;
    return nullptr;
  }
  if (!spec->element.empty()) return &spec->element[0];
  return nullptr;
}

}  // namespace

const PropertySpec* specAt(const TypeInfo* info, std::string_view path) {
  if (!info) return nullptr;
  auto dot = path.find('.');
  const PropertySpec* spec = info->property(path.substr(0, dot));
  while (spec && dot != std::string_view::npos) {
    path.remove_prefix(dot + 1);
    dot = path.find('.');
    spec = child(spec, path.substr(0, dot));
  }
  return spec;
}

bool immutableAt(const TypeInfo* info, std::string_view path) {
  if (!info) return false;
  auto dot = path.find('.');
  const PropertySpec* spec = info->property(path.substr(0, dot));
  while (spec) {
    if (spec->immutable) return true;
    if (dot == std::string_view::npos) return false;
    path.remove_prefix(dot + 1);
    dot = path.find('.');
    spec = child(spec, path.substr(0, dot));
  }
  return false;
}

bool secretAt(const std::vector<std::string>& secretPaths, const TypeInfo* info,
              std::string_view path) {
  for (const auto& s : secretPaths)
    if (pathUnder(path, s)) return true;
  if (!info) return false;
  auto dot = path.find('.');
  const PropertySpec* spec = info->property(path.substr(0, dot));
  while (spec) {
    if (spec->secret) return true;
    if (dot == std::string_view::npos) return false;
    path.remove_prefix(dot + 1);
    dot = path.find('.');
    spec = child(spec, path.substr(0, dot));
  }
  return false;
}

Value maskSecrets(const Value& v, const std::string& path,
                  const std::vector<std::string>& secretPaths, const TypeInfo* info) {
  if (!path.empty() && secretAt(secretPaths, info, path)) return Value("(secret)");
  if (v.isObject()) {
    Value out = Value::object();
    for (const auto& [k, e] : v.asObject())
      out[k] = maskSecrets(e, path.empty() ? k : path + "." + k, secretPaths, info);
    return out;
  }
  if (v.isArray()) {
    Value out = Value::array();
    for (std::size_t i = 0; i < v.size(); ++i)
      out.push(maskSecrets(v.asArray()[i], path + "." + std::to_string(i), secretPaths, info));
    return out;
  }
  return v;
}

Value* findPathMutable(Value& root, std::string_view path) {
  Value* cur = &root;
  while (cur && !path.empty()) {
    auto dot = path.find('.');
    std::string_view seg = path.substr(0, dot);
    if (cur->isObject()) {
      cur = cur->find(seg);
    } else if (cur->isArray()) {
      std::size_t i = 0;
      auto [p, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), i);
      if (ec != std::errc() || p != seg.data() + seg.size() || i >= cur->size()) return nullptr;
      cur = &cur->asArray()[i];
    } else {
      return nullptr;
    }
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return cur;
}

}  // namespace driftless::reconcile
