#pragma once
// Helpers for TypeInfo::validate functions: they run on fully resolved
// properties, but values may still be strings where numbers are meant
// ("5" for 5, as CloudFormation accepts), and offline validation may see an
// unresolved intrinsic (an object such as {"Fn::GetAtt": ...}); such values
// are left to the schema check and skipped here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/value.h"

namespace driftless::common {

using Problems = std::vector<std::string>;

// 5 and "5" → 5; anything else → nullopt.
std::optional<std::int64_t> intLike(const Value* v);
// true and "true" → true; anything else → nullopt.
std::optional<bool> boolLike(const Value* v);
// The string value, or nullopt when absent or not a string.
std::optional<std::string> stringLike(const Value* v);
// The text of each item of a list (["a", 5] → {"a", "5"}); empty when absent or
// not a list.
std::vector<std::string> stringsLike(const Value* v);

// Adds "<name>: must be between lo and hi" when `props.<name>` is an integer outside.
void checkRange(const Value& props, std::string_view name, std::int64_t lo, std::int64_t hi,
                Problems& out, std::string_view prefix = "");

// Adds "<path>: must be an integer from lo to hi<unit>" when the property at the
// dotted `path` is present and not an integer in range ("abc" included).
void checkIntegerRange(const Value& props, std::string_view path, std::int64_t lo, std::int64_t hi,
                       std::string_view unit, Problems& out);

// The name rules SQS queues and SNS topics share: 1..maxLength of [A-Za-z0-9_-],
// with a ".fifo" suffix exactly when `fifoProperty` is true. Returns whether it is.
bool checkFifoName(const Value& props, std::string_view nameProperty, std::size_t maxLength,
                   std::string_view fifoProperty, Problems& out);

// Adds "<property>: <rule>" when the property is a string `valid` refuses.
void checkName(const Value& props, std::string_view property, bool (*valid)(std::string_view),
               std::string_view rule, Problems& out);

// True when every character of `s` is an ASCII letter, digit or one of `extra`.
bool onlyChars(std::string_view s, std::string_view extra);

// A JSON document given either as an object or as a JSON string; nullopt when
// it is neither (an unresolved intrinsic) or does not parse.
std::optional<Value> jsonDocument(const Value* v);

}  // namespace driftless::common
