#include "providers/common/attributes.h"

#include "providers/common/validate.h"

namespace driftless::common {

std::string attributeText(const Value& v) {
  if (v.isObject() || v.isArray()) return v.toJson();
  return v.scalarText();
}

Value parseJsonAttribute(const std::string& text) {
  if (auto parsed = Value::fromJson(text); parsed && (parsed->isObject() || parsed->isArray()))
    return *parsed;
  return Value(text);
}

std::optional<Value> asJsonInt(const Value& v) {
  if (auto n = intLike(&v)) return Value(*n);
  return std::nullopt;
}

std::optional<Value> asJsonBool(const Value& v) {
  if (auto b = boolLike(&v)) return Value(*b);
  return std::nullopt;
}

}  // namespace driftless::common
