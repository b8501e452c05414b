#include "providers/common/validate.h"

#include <cctype>
#include <charconv>

namespace driftless::common {

std::optional<std::int64_t> intLike(const Value* v) {
  if (!v) return std::nullopt;
  if (v->isInt()) return v->asInt();
  if (v->isDouble()) {
    double d = v->asDouble();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
    return std::nullopt;
  }
  if (v->isString()) {
    const std::string& s = v->asString();
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return out;
  }
  return std::nullopt;
}

std::optional<bool> boolLike(const Value* v) {
  if (!v) return std::nullopt;
  if (v->isBool()) return v->asBool();
  if (v->isString()) {
    if (v->asString() == "true") return true;
    if (v->asString() == "false") return false;
  }
  return std::nullopt;
}

std::optional<std::string> stringLike(const Value* v) {
  if (!v || !v->isString()) return std::nullopt;
  return v->asString();
}

std::vector<std::string> stringsLike(const Value* v) {
  std::vector<std::string> out;
  if (v && v->isArray())
    for (const auto& e : v->asArray())
      out.push_back(e.scalarText());
  return out;
}

void checkRange(const Value& props, std::string_view name, std::int64_t lo, std::int64_t hi,
                Problems& out, std::string_view prefix) {
  auto n = intLike(props.find(name));
  if (!n) return;
  if (*n < lo || *n > hi) {
    out.push_back(std::string(prefix) + std::string(name) + ": must be between " +
                  std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                  std::to_string(*n));
  }
}

void checkIntegerRange(const Value& props, std::string_view path, std::int64_t lo, std::int64_t hi,
                       std::string_view unit, Problems& out) {
  const Value* v = props.findPath(path);
  if (!v) return;
  auto n = intLike(v);
  if (!n || *n < lo || *n > hi)
    out.push_back(std::string(path) + ": must be an integer from " + std::to_string(lo) + " to " +
                  std::to_string(hi) + std::string(unit));
}

bool checkFifoName(const Value& props, std::string_view nameProperty, std::size_t maxLength,
                   std::string_view fifoProperty, Problems& out) {
  bool fifo = boolLike(props.find(fifoProperty)).value_or(false);
  auto name = stringLike(props.find(nameProperty));
  if (!name) return fifo;
  const std::string q = std::string(nameProperty) + ": \"" + *name + "\" ";
  if (name->empty() || name->size() > maxLength)
    out.push_back(q + "must be 1 to " + std::to_string(maxLength) + " characters long");
  std::string_view base = *name;
  bool hasSuffix = base.ends_with(".fifo");
  if (hasSuffix) base.remove_suffix(5);
  if (base.empty() || !onlyChars(base, "-_"))
    out.push_back(q + "may contain only letters, digits, hyphens and underscores" +
                  (hasSuffix ? " before the .fifo suffix" : ""));
  const std::string f(fifoProperty);
  if (fifo && !hasSuffix) out.push_back(q + "must end in .fifo because " + f + " is true");
  if (!fifo && hasSuffix) out.push_back(q + "ends in .fifo, which requires " + f + ": true");
  return fifo;
}

void checkName(const Value& props, std::string_view property, bool (*valid)(std::string_view),
               std::string_view rule, Problems& out) {
  if (const Value* n = props.find(property); n && n->isString() && !valid(n->asString()))
    out.push_back(std::string(property) + ": " + std::string(rule));
}

bool onlyChars(std::string_view s, std::string_view extra) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) continue;
    if (extra.find(c) != std::string_view::npos) continue;
    return false;
  }
  return true;
}

std::optional<Value> jsonDocument(const Value* v) {
  if (!v) return std::nullopt;
  if (v->isString()) {
    auto parsed = Value::fromJson(v->asString());
    if (!parsed) return std::nullopt;
    return *parsed;
  }
  if (v->isObject()) {
    // An unresolved intrinsic is a one-key object "Ref"/"Fn::...".
    if (v->size() == 1) {
      const auto& key = v->asObject().begin()->first;
      if (key == "Ref" || key.starts_with("Fn::")) return std::nullopt;
    }
    return *v;
  }
  return std::nullopt;
}

}  // namespace driftless::common
