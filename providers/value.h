#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "providers/error.h"

namespace driftless {

// The one property representation of every layer: manifests load into it,
// providers observe into it, plans diff it and state stores it. A JSON-like tree
// with value semantics; object keys are kept sorted, so equal trees print and
// hash identically whatever order they were written in.
class Value {
 public:
  using Array = std::vector<Value>;
  using Object = std::map<std::string, Value, std::less<>>;
  enum class Type { Null, Bool, Int, Double, String, Array, Object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::move(a)) {}
  Value(Object o) : v_(std::move(o)) {}

  static Value object() { return Value(Object{}); }
  static Value array() { return Value(Array{}); }

  Type type() const { return static_cast<Type>(v_.index()); }
  bool isNull() const { return type() == Type::Null; }
  bool isBool() const { return type() == Type::Bool; }
  bool isInt() const { return type() == Type::Int; }
  bool isDouble() const { return type() == Type::Double; }
  bool isNumber() const { return isInt() || isDouble(); }
  bool isString() const { return type() == Type::String; }
  bool isArray() const { return type() == Type::Array; }
  bool isObject() const { return type() == Type::Object; }
  bool isScalar() const { return !isArray() && !isObject(); }

  // Accessors assume the type was checked; a wrong type throws std::bad_variant_access.
  bool asBool() const { return std::get<bool>(v_); }
  std::int64_t asInt() const { return std::get<std::int64_t>(v_); }
  double asDouble() const { return isInt() ? static_cast<double>(asInt()) : std::get<double>(v_); }
  const std::string& asString() const { return std::get<std::string>(v_); }
  const Array& asArray() const { return std::get<Array>(v_); }
  Array& asArray() { return std::get<Array>(v_); }
  const Object& asObject() const { return std::get<Object>(v_); }
  Object& asObject() { return std::get<Object>(v_); }

  // Object member or nullptr (also nullptr when this is not an object).
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Dotted path: "RedrivePolicy.maxReceiveCount", "Tags.0.Key". nullptr if absent.
  const Value* findPath(std::string_view path) const;
  // Object member, created (and this turned into an object) if needed.
  Value& operator[](std::string_view key);
  void push(Value v);  // appends; turns null into an array
  bool erase(std::string_view key);
  std::size_t size() const;  // members, elements, or 0 for scalars

  // Scalar as text: strings as they are, numbers and bools as JSON writes them.
  // Used where AWS returns numbers as strings ("345600" == 345600 after this).
  std::string scalarText() const;

  // Int 5 equals Double 5.0; otherwise types must match.
  friend bool operator==(const Value& a, const Value& b);

  // Compact JSON, keys sorted. Non-finite doubles become null.
  std::string toJson() const;
  std::string toPrettyJson(int indent = 2) const;
  static Result<Value> fromJson(std::string_view text);

  std::size_t hash() const;

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> v_;
};

using Properties = Value;  // always an Object at the top

std::string_view toString(Value::Type type);

}  // namespace driftless
