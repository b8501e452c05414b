#pragma once
// Small helpers shared by the identity-and-compute providers (iam/, lambda/,
// logs/, ssm/): tag planning, error wording, encodings.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/asio.h"
#include "providers/error.h"
#include "providers/provider.h"
#include "providers/value.h"

namespace driftless::awsutil {

// What a secret looks like in a Delta or a message: never derived from it.
inline constexpr std::string_view kSecretMask = "***";

// The tagging calls that bring live tags to desired: user tags are managed as a
// whole set only when the manifest has `Tags`; the ownership tags are always
// (re)set when missing or different (create, adopt).
struct TagPlan {
  Value::Object set;                // key -> value to add or change
  std::vector<std::string> remove;  // keys to delete
  bool empty() const { return set.empty() && remove.empty(); }
};
TagPlan planTags(const Value* desiredTags, const Value& liveTags, const Value& ownershipTags);

// Desired user tags (list or map) plus the ownership tags, as key -> value.
Value::Object createTags(const Value* desiredTags, const Value& ownershipTags);
// key -> value as [{Key, Value}].
Value tagList(const Value::Object& tags);

// An AWS error with the calling provider's context. AccessDenied becomes
// Invalid and names the IAM action the controller's policy must allow.
Error withContext(Error error, std::string_view action, std::string_view resource);

// 5 and "5" -> 5.
std::optional<std::int64_t> asInteger(const Value* v);

// A policy document as IAM returns it (URL-encoded or plain JSON) -> Value;
// the raw text if it does not parse.
Value policyDocument(std::string_view text);
// Semantic equality of IAM policy documents: key order, string vs one-element
// list, the order of Action/Resource/Principal values, and a missing Version
// equal to IAM's implicit "2008-10-17".
bool samePolicy(const Value& a, const Value& b);
Value canonicalPolicy(const Value& v);

std::string base64(std::string_view bytes);
// base64(SHA-256(bytes)): how Lambda reports CodeSha256.
std::string sha256Base64(std::string_view bytes);
std::string sha256Hex(std::string_view bytes);

// Waits without blocking the io_context.
Awaitable<void> sleepFor(std::chrono::milliseconds d);

}  // namespace driftless::awsutil
