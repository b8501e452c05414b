#include "state/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <utility>

namespace driftless::state::detail {
namespace {

std::string toHex(const unsigned char* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

void digest(const EVP_MD* md, std::string_view data, unsigned* lenOut,
            std::array<unsigned char, EVP_MAX_MD_SIZE>& out) {
  EVP_Digest(data.data(), data.size(), out.data(), lenOut, md, nullptr);
}

}  // namespace

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned len = 0;
  digest(EVP_sha256(), data, &len, out);
  return toHex(out.data(), len);
}

std::string hmacSha256Hex(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &len);
  return toHex(out.data(), len);
}

std::string md5Base64(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned len = 0;
  digest(EVP_md5(), data, &len, out);
  std::array<unsigned char, 64> b64{};
  int n = EVP_EncodeBlock(b64.data(), out.data(), static_cast<int>(len));
  return std::string(reinterpret_cast<const char*>(b64.data()), static_cast<std::size_t>(n));
}

std::string md5Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned len = 0;
  digest(EVP_md5(), data, &len, out);
  return toHex(out.data(), len);
}

Result<std::string> randomHex(std::size_t bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), static_cast<int>(bytes)) != 1) {
    return fail(ErrorKind::Fatal, "the OS random generator failed");
  }
  return toHex(reinterpret_cast<const unsigned char*>(buf.data()), buf.size());
}

Hasher Hasher::md5() {
  Hasher h(EVP_MD_CTX_new());
  EVP_DigestInit_ex(h.ctx_, EVP_md5(), nullptr);
  return h;
}

Hasher Hasher::sha256() {
  Hasher h(EVP_MD_CTX_new());
  EVP_DigestInit_ex(h.ctx_, EVP_sha256(), nullptr);
  return h;
}

Hasher::Hasher(Hasher&& o) noexcept : ctx_(std::exchange(o.ctx_, nullptr)) {}

Hasher::~Hasher() {
  EVP_MD_CTX_free(ctx_);
}

void Hasher::update(std::string_view piece) {
  EVP_DigestUpdate(ctx_, piece.data(), piece.size());
}

std::string Hasher::hex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx_, out.data(), &len);
  return toHex(out.data(), len);
}

}  // namespace driftless::state::detail
