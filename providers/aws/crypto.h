#pragma once
// The hashing and encoding primitives SigV4, the credential sources and the
// providers need (OpenSSL): the one place digests are computed.
#include <array>
#include <string>
#include <string_view>

namespace driftless::aws {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view data);
Digest hmacSha256(std::string_view key, std::string_view data);
std::string hex(const unsigned char* data, std::size_t size);
inline std::string hex(const Digest& d) {
  return hex(d.data(), d.size());
}
inline std::string sha256Hex(std::string_view data) {
  return hex(sha256(data));
}
inline std::string_view asView(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

// Standard base64 (with padding) of raw bytes.
std::string base64(std::string_view bytes);
// base64(SHA-256(bytes)): how Lambda reports CodeSha256.
std::string sha256Base64(std::string_view bytes);
// base64(MD5(bytes)): the Content-MD5 header value S3 requires on some PUTs.
std::string md5Base64(std::string_view bytes);

// SHA-256 of the empty string: the payload hash of a request without a body.
inline constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

}  // namespace driftless::aws
