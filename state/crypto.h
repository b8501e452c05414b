#pragma once
// Digests the state module needs (internal to state/): checksums of records,
// keyed hashes of secrets, Content-MD5 of S3 writes.
#include <string>
#include <string_view>

#include "providers/error.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace driftless::state::detail {

std::string sha256Hex(std::string_view data);
std::string hmacSha256Hex(std::string_view key, std::string_view data);
std::string md5Base64(std::string_view data);      // Content-MD5 header value
std::string md5Hex(std::string_view data);         // the ETag S3 gives a single PUT
Result<std::string> randomHex(std::size_t bytes);  // from the OS CSPRNG

// md5Hex or sha256Hex of data given in pieces.
class Hasher {
 public:
  static Hasher md5();
  static Hasher sha256();
  Hasher(Hasher&& o) noexcept;
  Hasher& operator=(Hasher&&) = delete;
  ~Hasher();
  void update(std::string_view piece);
  std::string hex();  // once, at the end

 private:
  explicit Hasher(::evp_md_ctx_st* ctx) : ctx_(ctx) {}
  ::evp_md_ctx_st* ctx_;
};

}  // namespace driftless::state::detail
