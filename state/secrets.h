#pragma once
// Secret values (NoEcho parameters, Lambda environment values, SecureString
// parameters: every PropertySpec with `secret`) are never stored in clear.
// State keeps "hmac-sha256:<hex>", a keyed hash: enough to tell whether the
// live value changed, useless to someone who reads the bucket (no dictionary
// attack without the key, unlike a bare SHA-256 of a short password).
//
// The key: $DRIFTLESS_STATE_KEY if set (any string of >= 16 bytes; use this
// when several controllers take over one environment, so they hash alike),
// else <dataDir>/state.key, 32 random bytes (hex) created with mode 0600 on
// first use. A lost key only costs one spurious "drift" per secret, which
// selfHeal corrects by writing the same desired value again.
#include <filesystem>
#include <string>
#include <string_view>

#include "providers/error.h"
#include "providers/type_info.h"
#include "providers/value.h"

namespace driftless::state {

inline constexpr std::string_view kSecretHashPrefix = "hmac-sha256:";
inline constexpr std::string_view kSecretKeyEnv = "DRIFTLESS_STATE_KEY";
inline constexpr std::string_view kSecretMask = "(secret)";

class SecretHasher {
 public:
  explicit SecretHasher(std::string key) : key_(std::move(key)) {}

  // $DRIFTLESS_STATE_KEY, else dataDir/state.key (created 0600 if absent).
  // Errors: unreadable/uncreatable key file, key too short, key file readable
  // by group/others (refused: the key guards the hashes).
  static Result<SecretHasher> load(const std::filesystem::path& dataDir);

  // "hmac-sha256:<64 hex>". A scalar hashes its scalarText(); an array or
  // object hashes its compact JSON. An input that already is a secret hash is
  // returned unchanged (hashing is idempotent, so state can be re-hashed).
  std::string hash(const Value& clear) const;
  // Whether `stored` (a hash, or clear text from an old record) matches `clear`.
  bool matches(const Value& clear, const Value& stored) const;

 private:
  std::string key_;  // never logged
};

bool isSecretHash(const Value& v);

// `properties` with every value at a secret path of `info` replaced by its
// keyed hash (recursing through Object fields, List elements and Map values).
Value hashSecrets(const TypeInfo& info, const Value& properties, const SecretHasher& hasher);
// The same paths replaced by kSecretMask: for plans, logs and error text.
Value maskSecrets(const TypeInfo& info, const Value& properties);
// Whether the dotted `path` ("Environment.Variables.DB_PASSWORD") of a type is secret.
bool isSecretPath(const TypeInfo& info, std::string_view path);

}  // namespace driftless::state
