#include "controller/webhook.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "providers/value.h"

namespace driftless::controller {

std::string webhookSignature(std::string_view secret, std::string_view body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 0xf];
  }
  return out;
}

bool verifyWebhookSignature(std::string_view secret, std::string_view body,
                            std::string_view header) {
  if (secret.empty()) return false;
  std::string expected = webhookSignature(secret, body);
  // The length is public (always 71 bytes), so checking it first leaks nothing.
  if (header.size() != expected.size()) return false;
  return CRYPTO_memcmp(expected.data(), header.data(), expected.size()) == 0;
}

std::optional<std::string> pushedBranch(std::string_view body) {
  auto doc = Value::fromJson(body);
  if (!doc) return std::nullopt;
  const Value* ref = doc->find("ref");
  if (!ref || !ref->isString()) return std::nullopt;
  constexpr std::string_view kPrefix = "refs/heads/";
  const std::string& r = ref->asString();
  if (r.rfind(kPrefix, 0) != 0) return std::nullopt;
  return r.substr(kPrefix.size());
}

}  // namespace driftless::controller
