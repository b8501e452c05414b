#pragma once
// Conversions between manifest values and the string-valued attribute maps of
// SQS and SNS (numbers and booleans as strings, JSON documents as JSON text).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "providers/value.h"

namespace driftless::common {

// The string a service expects for a manifest value: objects and lists as
// compact JSON, scalars as text ("true", "30").
std::string attributeText(const Value& v);

// A live attribute string back into manifest shape for a JSON property: the
// parsed document when it parses, the string otherwise.
Value parseJsonAttribute(const std::string& text);

// Manifest scalars into JSON-typed request fields (DynamoDB wants 5, not "5").
std::optional<Value> asJsonInt(const Value& v);
std::optional<Value> asJsonBool(const Value& v);

}  // namespace driftless::common

namespace driftless::common {

// Key/value request parameters from alternating arguments: params("TopicArn",
// arn, "AttributeName", name). Coroutines use this instead of a braced list,
// which GCC 12 rejects inside coroutines ("array used as initializer").
template <typename... S>
std::vector<std::pair<std::string, std::string>> params(S&&... kv) {
  static_assert(sizeof...(kv) % 2 == 0, "params takes key/value pairs");
  std::vector<std::string> flat{std::string(std::forward<S>(kv))...};
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2)
    out.emplace_back(flat[i], flat[i + 1]);
  return out;
}

}  // namespace driftless::common
