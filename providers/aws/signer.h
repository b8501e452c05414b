#pragma once
// AWS Signature Version 4, in stages that can each be called and checked alone
// (after aws-c-auth's aws_signing.h): canonical request -> string to sign ->
// signature -> signed request. The time and the credentials are inputs, never
// read from the environment, so the conformance vectors replay exactly.
#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "providers/aws/client.h"
#include "providers/aws/crypto.h"

namespace driftless::aws::sigv4 {

// What is signed. `path` is the path as written on the request line (already
// URI-encoded once by whoever builds the URL); `query` holds DECODED names and
// values in the order they are sent.
struct Request {
  std::string method = "GET";
  std::string path = "/";
  Params query;
  Headers headers;
  // Hex SHA-256 of the body (kEmptySha256 for none), or "UNSIGNED-PAYLOAD".
  std::string payloadHash = std::string(kEmptySha256);
};

struct Options {
  std::string region;
  std::string service;
  std::chrono::system_clock::time_point time;
  // S3 rules: the path is used as written (no normalisation, no second
  // encoding) and x-amz-content-sha256 is always sent.
  bool s3 = false;
  // Remove "." / ".." segments and repeated slashes (non-S3 only).
  bool normalizePath = true;
  // Add and sign x-amz-content-sha256 (always on for S3; header signing only).
  bool addContentSha256 = false;
  // Sign without X-Amz-Security-Token and add it afterwards (a few services).
  bool omitSessionToken = false;
};

// RFC 3986 encoding as SigV4 defines it: A-Z a-z 0-9 - . _ ~ are kept, every
// other byte becomes %XY (upper-case hex); '/' is kept only if `keepSlash`.
std::string uriEncode(std::string_view s, bool keepSlash);
// Percent-decoding; '+' is NOT a space (SigV4 query strings never use it).
std::string uriDecode(std::string_view s);

// 20150830T123600Z and 20150830.
std::string amzDate(std::chrono::system_clock::time_point t);
std::string shortDate(std::chrono::system_clock::time_point t);
// Parses 20150830T123600Z; nullopt if malformed.
std::optional<std::chrono::system_clock::time_point> parseAmzDate(std::string_view text);

// Stage 1 parts.
std::string normalizePath(std::string_view path);
std::string canonicalUri(std::string_view path, const Options& options);
std::string canonicalQuery(const Params& query);
struct CanonicalHeaders {
  std::string text;           // "name:value\n" per header, sorted by name
  std::string signedHeaders;  // "host;x-amz-date"
};
// Names are lower-cased, values trimmed with inner whitespace runs collapsed,
// repeated names joined with ','. Headers that proxies rewrite are not signed.
CanonicalHeaders canonicalHeaders(const Headers& headers);
// Stage 1: the request must already carry every header to be signed.
std::string canonicalRequest(const Request& request, const Options& options);
// Stage 2.
std::string credentialScope(std::string_view date, std::string_view region,
                            std::string_view service);
std::string stringToSign(std::string_view canonicalRequest, std::string_view amzDate,
                         std::string_view scope);
// Stage 3.
Digest deriveSigningKey(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);
std::string signature(const Digest& signingKey, std::string_view stringToSign);

// The derived key changes once a day per (secret, region, service); deriving it
// is four HMACs, a large share of a signature's cost, so it is cached. Thread-safe.
class SigningKeyCache {
 public:
  explicit SigningKeyCache(std::size_t capacity = 64) : capacity_(capacity) {}
  Digest get(std::string_view secret, std::string_view date, std::string_view region,
             std::string_view service);
  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  mutable std::mutex mu_;
  std::size_t capacity_;
  // key: hash of the secret (the secret itself is not kept) + date/region/service
  std::list<std::pair<std::string, Digest>> lru_;
  std::unordered_map<std::string, std::list<std::pair<std::string, Digest>>::iterator> index_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

struct Signature {
  std::string canonicalRequest;
  std::string stringToSign;
  std::string signature;
  std::string authorization;  // header signing only
};

// Stage 4, header signing: adds X-Amz-Date, X-Amz-Security-Token (session
// credentials), X-Amz-Content-Sha256 (S3 / addContentSha256) and Authorization
// to request.headers. Any of those already present are replaced.
Signature signHeaders(Request& request, const Credentials& credentials, const Options& options,
                      SigningKeyCache* cache = nullptr);

// Stage 4, query signing (presigned URL): adds X-Amz-Algorithm, -Credential,
// -Date, -SignedHeaders, -Expires, -Security-Token and -Signature to request.query.
Signature signQuery(Request& request, const Credentials& credentials, const Options& options,
                    std::chrono::seconds expires, SigningKeyCache* cache = nullptr);

}  // namespace driftless::aws::sigv4
