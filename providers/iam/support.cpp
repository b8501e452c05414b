#include "providers/iam/support.h"

#include <openssl/sha.h>

#include <algorithm>

#include "providers/aws/signer.h"
#include "providers/compare.h"

namespace driftless::awsutil {

TagPlan planTags(const Value* desiredTags, const Value& liveTags, const Value& ownershipTags) {
  TagPlan plan;
  Value::Object live = tagMap(liveTags, false);
  Value::Object want = tagMap(ownershipTags, false);
  if (desiredTags) {
    for (auto& [k, v] : tagMap(*desiredTags))
      want.insert_or_assign(k, v);
    for (const auto& [k, v] : live)
      if (!std::string_view(k).starts_with(kTagPrefix) && !want.contains(k))
        plan.remove.push_back(k);
  }
  for (const auto& [k, v] : want) {
    auto it = live.find(k);
    if (it == live.end() || it->second.scalarText() != v.scalarText())
      plan.set.insert_or_assign(k, v);
  }
  return plan;
}

Value::Object createTags(const Value* desiredTags, const Value& ownershipTags) {
  Value::Object out = desiredTags ? tagMap(*desiredTags) : Value::Object{};
  for (auto& [k, v] : tagMap(ownershipTags, false))
    out.insert_or_assign(k, v);
  return out;
}

Value tagList(const Value::Object& tags) {
  Value out = Value::array();
  for (const auto& [k, v] : tags) {
    Value t = Value::object();
    t["Key"] = Value(k);
    t["Value"] = Value(v.scalarText());
    out.push(std::move(t));
  }
  return out;
}

Error withContext(Error error, std::string_view action, std::string_view resource) {
  const std::string& c = error.code;
  if (c == "AccessDenied" || c == "AccessDeniedException" || c == "UnauthorizedOperation" ||
      c == "UnrecognizedClientException" || error.httpStatus == 403) {
    error.kind = ErrorKind::Invalid;
    error.message = std::string(resource) + ": access denied for " + std::string(action) +
                    " (the controller's IAM policy must allow it): " + error.message;
    return error;
  }
  error.message = std::string(resource) + ": " + error.message;
  return error;
}

std::optional<std::int64_t> asInteger(const Value* v) {
  if (!v) return std::nullopt;
  if (v->isInt()) return v->asInt();
  if (v->isDouble()) return static_cast<std::int64_t>(v->asDouble());
  if (v->isString()) {
    try {
      std::size_t used = 0;
      long long n = std::stoll(v->asString(), &used);
      if (used == v->asString().size()) return n;
    } catch (...) {
    }
  }
  return std::nullopt;
}

Value policyDocument(std::string_view text) {
  if (auto v = Value::fromJson(text); v && v->isObject()) return *v;
  std::string decoded = aws::sigv4::uriDecode(text);  // IAM returns documents URL-encoded
  if (auto v = Value::fromJson(decoded); v && v->isObject()) return *v;
  return Value(std::string(text));
}

namespace {

Value canonicalPolicyImpl(const Value& v) {
  if (v.isString()) {
    const auto& s = v.asString();
    auto first = s.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && s[first] == '{')
      if (auto parsed = Value::fromJson(s)) return canonicalPolicyImpl(*parsed);
    return v;
  }
  if (v.isArray()) {
    if (v.asArray().size() == 1) return canonicalPolicyImpl(v.asArray()[0]);
    Value out = Value::array();
    bool scalars = true;
    for (const auto& e : v.asArray()) {
      out.push(canonicalPolicyImpl(e));
      if (!out.asArray().back().isScalar()) scalars = false;
    }
    // Lists of scalars in a policy (Action, Resource, principals, condition
    // values) are sets: order carries no meaning.
    if (scalars)
      std::sort(out.asArray().begin(), out.asArray().end(),
                [](const Value& a, const Value& b) { return a.scalarText() < b.scalarText(); });
    return out;
  }
  if (v.isObject()) {
    Value out = Value::object();
    for (const auto& [k, e] : v.asObject())
      out[k] = canonicalPolicyImpl(e);
    return out;
  }
  if (v.isNumber() || v.isBool()) return Value(v.scalarText());
  return v;
}

}  // namespace

Value canonicalPolicy(const Value& v) {
  Value out = canonicalPolicyImpl(v.isString() ? policyDocument(v.asString()) : v);
  if (out.isObject() && !out.find("Version")) out["Version"] = Value("2008-10-17");
  return out;
}

bool samePolicy(const Value& a, const Value& b) {
  return canonicalPolicy(a) == canonicalPolicy(b);
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                      (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                      (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

namespace {
std::string sha256Raw(std::string_view bytes) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d);
  return std::string(reinterpret_cast<const char*>(d), sizeof d);
}
}  // namespace

std::string sha256Base64(std::string_view bytes) {
  return base64(sha256Raw(bytes));
}

std::string sha256Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : sha256Raw(bytes)) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Awaitable<void> sleepFor(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

}  // namespace driftless::awsutil
