#include "providers/aws/crypto.h"

#include <openssl/evp.h>

#include <cstring>

namespace driftless::aws {

namespace {

// SHA-256 fetched from the provider once: EVP_sha256() makes OpenSSL 3 look the
// algorithm up again on every digest, which was a tenth of the signing cost.
const EVP_MD* sha256Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md ? md : EVP_sha256();
}

// One digest context per thread, reused (signing runs on the I/O thread; the
// credential sources and tests may hash from others).
struct MdContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  MdContext() = default;
  MdContext(const MdContext&) = delete;
  MdContext& operator=(const MdContext&) = delete;
  ~MdContext() { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* context() {
  thread_local MdContext c;
  return c.ctx;
}

constexpr std::size_t kBlock = 64;  // SHA-256's block size

// SHA-256 over the concatenation of two pieces.
Digest digest2(const void* a, std::size_t an, const void* b, std::size_t bn) {
  Digest out{};
  unsigned int len = 0;
  EVP_MD_CTX* c = context();
  EVP_DigestInit_ex2(c, sha256Md(), nullptr);
  EVP_DigestUpdate(c, a, an);
  if (bn) EVP_DigestUpdate(c, b, bn);
  EVP_DigestFinal_ex(c, out.data(), &len);
  return out;
}

}  // namespace

Digest sha256(std::string_view data) {
  return digest2(data.data(), data.size(), nullptr, 0);
}

// HMAC (RFC 2104) over the cached digest: OpenSSL's HMAC() fetches both the MAC and
// the digest on every call.
Digest hmacSha256(std::string_view key, std::string_view data) {
  unsigned char k[kBlock] = {};
  if (key.size() > kBlock) {
    Digest kd = sha256(key);
    std::memcpy(k, kd.data(), kd.size());
  } else if (!key.empty()) {
    std::memcpy(k, key.data(), key.size());
  }
  unsigned char pad[kBlock];
  for (std::size_t i = 0; i < kBlock; ++i)
    pad[i] = static_cast<unsigned char>(k[i] ^ 0x36);
  Digest inner = digest2(pad, kBlock, data.data(), data.size());
  for (std::size_t i = 0; i < kBlock; ++i)
    pad[i] = static_cast<unsigned char>(k[i] ^ 0x5c);
  return digest2(pad, kBlock, inner.data(), inner.size());
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0xf];
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string sha256Base64(std::string_view bytes) {
  return base64(asView(sha256(bytes)));
}

std::string md5Base64(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_md5(), nullptr);
  return base64(std::string_view(reinterpret_cast<const char*>(digest), len));
}

}  // namespace driftless::aws
