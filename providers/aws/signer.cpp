#include "providers/aws/signer.h"

#include <algorithm>
#include <ctime>
#include <vector>

namespace driftless::aws::sigv4 {
namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Trim, and collapse inner whitespace runs (including folded lines) to one space.
std::string collapse(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  bool pendingSpace = false;
  for (char c : v) {
    if (isSpace(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c);
  }
  return out;
}

// Headers a proxy or the HTTP stack may add or rewrite: never signed (botocore's list).
bool unsignedHeader(std::string_view lowerName) {
  return lowerName == "user-agent" || lowerName == "expect" || lowerName == "x-amzn-trace-id" ||
         lowerName == "transfer-encoding" || lowerName == "authorization";
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void setHeader(Headers& headers, std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return iequals(h.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

// The canonical request over headers already made canonical (signHeaders needs
// both, and canonicalising twice was a third of its allocations).
std::string canonicalRequestWith(const Request& request, const Options& options,
                                 const CanonicalHeaders& ch) {
  std::string out;
  out.reserve(256 + ch.text.size());
  out += request.method;
  out += '\n';
  out += canonicalUri(request.path, options);
  out += '\n';
  out += canonicalQuery(request.query);
  out += '\n';
  out += ch.text;
  out += '\n';
  out += ch.signedHeaders;
  out += '\n';
  out += request.payloadHash;
  return out;
}

Digest keyFor(std::string_view secret, std::string_view date, std::string_view region,
              std::string_view service, SigningKeyCache* cache) {
  return cache ? cache->get(secret, date, region, service)
               : deriveSigningKey(secret, date, region, service);
}

}  // namespace

std::string uriEncode(std::string_view s, bool keepSlash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (unsigned char c : s) {
    if (unreserved(c) || (keepSlash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

std::string uriDecode(std::string_view s) {
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = val(s[i + 1]), lo = val(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string amzDate(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string shortDate(std::chrono::system_clock::time_point t) {
  return amzDate(t).substr(0, 8);
}

std::optional<std::chrono::system_clock::time_point> parseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  std::tm tm{};
  std::string s(text);
  const char* end = strptime(s.c_str(), "%Y%m%dT%H%M%SZ", &tm);
  if (!end || *end != '\0') return std::nullopt;
  // system_clock counts nanoseconds in 64 bits: years outside 1970..2200 would overflow
  if (tm.tm_year < 70 || tm.tm_year > 300) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string normalizePath(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string result;
  for (auto seg : out) {
    result.push_back('/');
    result.append(seg);
  }
  // as botocore (and the services) do: a trailing slash survives, a trailing
  // "." or ".." segment does not add one
  const bool trailing = !path.empty() && path.back() == '/';
  if (result.empty() || trailing) result.push_back('/');
  return result;
}

std::string canonicalUri(std::string_view path, const Options& options) {
  if (path.empty()) return "/";
  if (options.s3) return std::string(path);
  std::string p = options.normalizePath ? normalizePath(path) : std::string(path);
  return uriEncode(p, true);
}

std::string canonicalQuery(const Params& query) {
  std::vector<std::pair<std::string, std::string>> enc;
  enc.reserve(query.size());
  for (const auto& [k, v] : query)
    enc.emplace_back(uriEncode(k, false), uriEncode(v, false));
  std::sort(enc.begin(), enc.end());
  std::string out;
  for (const auto& [k, v] : enc) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

CanonicalHeaders canonicalHeaders(const Headers& headers) {
  // stable: repeated names keep the order they were sent in
  std::vector<std::pair<std::string, std::string>> hs;
  hs.reserve(headers.size());
  for (const auto& [k, v] : headers) {
    std::string ln = lower(k);
    if (unsignedHeader(ln)) continue;
    hs.emplace_back(std::move(ln), collapse(v));
  }
  std::stable_sort(hs.begin(), hs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders out;
  for (std::size_t i = 0; i < hs.size(); ++i) {
    if (i > 0 && hs[i].first == hs[i - 1].first) {
      out.text.pop_back();  // the '\n'
      out.text.append(",").append(hs[i].second).push_back('\n');
      continue;
    }
    if (!out.signedHeaders.empty()) out.signedHeaders.push_back(';');
    out.signedHeaders += hs[i].first;
    out.text.append(hs[i].first).append(":").append(hs[i].second).push_back('\n');
  }
  return out;
}

std::string canonicalRequest(const Request& request, const Options& options) {
  return canonicalRequestWith(request, options, canonicalHeaders(request.headers));
}

std::string credentialScope(std::string_view date, std::string_view region,
                            std::string_view service) {
  std::string out;
  out.reserve(64);
  out.append(date).append("/").append(region).append("/").append(service).append("/aws4_request");
  return out;
}

std::string stringToSign(std::string_view canonicalRequest, std::string_view amzDate,
                         std::string_view scope) {
  std::string out = "AWS4-HMAC-SHA256\n";
  out.append(amzDate).append("\n").append(scope).append("\n");
  out += sha256Hex(canonicalRequest);
  return out;
}

Digest deriveSigningKey(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  std::string k = "AWS4";
  k.append(secret);
  Digest d = hmacSha256(k, date);
  d = hmacSha256(asView(d), region);
  d = hmacSha256(asView(d), service);
  return hmacSha256(asView(d), "aws4_request");
}

std::string signature(const Digest& signingKey, std::string_view stringToSign) {
  return hex(hmacSha256(asView(signingKey), stringToSign));
}

Digest SigningKeyCache::get(std::string_view secret, std::string_view date, std::string_view region,
                            std::string_view service) {
  std::string key = hex(sha256(secret));
  key.append("/").append(date).append("/").append(region).append("/").append(service);
  {
    std::lock_guard lock(mu_);
    if (auto it = index_.find(key); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      ++hits_;
      return it->second->second;
    }
    ++misses_;
  }
  Digest d = deriveSigningKey(secret, date, region, service);
  std::lock_guard lock(mu_);
  if (index_.find(key) == index_.end()) {
    lru_.emplace_front(key, d);
    index_[key] = lru_.begin();
    while (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }
  return d;
}

std::uint64_t SigningKeyCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

std::uint64_t SigningKeyCache::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}

Signature signHeaders(Request& request, const Credentials& credentials, const Options& options,
                      SigningKeyCache* cache) {
  const std::string date = amzDate(options.time);
  const std::string day = date.substr(0, 8);
  setHeader(request.headers, "X-Amz-Date", date);
  const bool token = !credentials.sessionToken.empty();
  if (token && !options.omitSessionToken)
    setHeader(request.headers, "X-Amz-Security-Token", credentials.sessionToken);
  if (options.s3 || options.addContentSha256)
    setHeader(request.headers, "X-Amz-Content-Sha256", request.payloadHash);
  Signature sig;
  const CanonicalHeaders ch = canonicalHeaders(request.headers);
  sig.canonicalRequest = canonicalRequestWith(request, options, ch);
  const std::string scope = credentialScope(day, options.region, options.service);
  sig.stringToSign = stringToSign(sig.canonicalRequest, date, scope);
  sig.signature =
      signature(keyFor(credentials.secretAccessKey, day, options.region, options.service, cache),
                sig.stringToSign);
  sig.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + scope +
                      ", SignedHeaders=" + ch.signedHeaders + ", Signature=" + sig.signature;
  if (token && options.omitSessionToken)
    setHeader(request.headers, "X-Amz-Security-Token", credentials.sessionToken);
  setHeader(request.headers, "Authorization", sig.authorization);
  return sig;
}

Signature signQuery(Request& request, const Credentials& credentials, const Options& options,
                    std::chrono::seconds expires, SigningKeyCache* cache) {
  const std::string date = amzDate(options.time);
  const std::string day = date.substr(0, 8);
  const std::string scope = credentialScope(day, options.region, options.service);
  // no X-Amz-Content-Sha256 here: a presigned URL carries no headers of ours
  const bool token = !credentials.sessionToken.empty();
  request.query.emplace_back("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  request.query.emplace_back("X-Amz-Credential", credentials.accessKeyId + "/" + scope);
  request.query.emplace_back("X-Amz-Date", date);
  request.query.emplace_back("X-Amz-SignedHeaders",
                             canonicalHeaders(request.headers).signedHeaders);
  request.query.emplace_back("X-Amz-Expires", std::to_string(expires.count()));
  if (token && !options.omitSessionToken)
    request.query.emplace_back("X-Amz-Security-Token", credentials.sessionToken);
  Signature sig;
  sig.canonicalRequest = canonicalRequest(request, options);
  sig.stringToSign = stringToSign(sig.canonicalRequest, date, scope);
  sig.signature =
      signature(keyFor(credentials.secretAccessKey, day, options.region, options.service, cache),
                sig.stringToSign);
  if (token && options.omitSessionToken)
    request.query.emplace_back("X-Amz-Security-Token", credentials.sessionToken);
  request.query.emplace_back("X-Amz-Signature", sig.signature);
  return sig;
}

}  // namespace driftless::aws::sigv4
