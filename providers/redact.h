#pragma once
// Redaction helpers every layer uses before a value reaches a log line, an error
// message, a plan or a history record (SPEC: secrets never appear there).
// They err on the side of hiding: a false positive costs a "***" in a log line,
// a false negative leaks a credential.
#include <span>
#include <string>
#include <string_view>

#include "providers/value.h"

namespace driftless::redact {

// What a hidden secret looks like everywhere. Never depends on the secret (not
// even its length), so nothing about it can be learned from logs.
inline constexpr std::string_view kMask = "***";

// Any non-empty secret -> "***"; an empty one stays empty (that it is unset is useful).
std::string maskSecret(std::string_view secret);

// Strips credentials from a URL: the user-info part ("https://user:tok@host/x" ->
// "https://***@host/x") and the values of credential-bearing query parameters
// (X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token, token, access_token, ...).
// Text that is not a URL is returned unchanged.
std::string redactUrl(std::string_view url);

// redactUrl applied to every URL found inside free text (an error message from
// libgit2 or libcurl, say).
std::string redactText(std::string_view text);

// True for key names that hold secrets: Password, SecretAccessKey, SessionToken,
// ClientSecret, PrivateKey, ApiKey, Authorization, ... (case-, '-' and '_'-insensitive).
// Names that only *refer* to a secret (tokenEnv, SecretArn, sshKeyFile, SecretName)
// are not secrets.
bool isSecretKey(std::string_view key);

// A copy of `value` in which every member whose key isSecretKey() is masked,
// at any depth, plus the members at `extraPaths`: dotted paths where "*" matches
// any key or index, e.g. "Environment.Variables.*" (Lambda environment values).
Value redactValue(const Value& value, std::span<const std::string_view> extraPaths = {});

}  // namespace driftless::redact
