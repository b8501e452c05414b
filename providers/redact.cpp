#include "providers/redact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace driftless::redact {
namespace {

std::string normalised(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '-' || c == '_' || c == '.') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool isSecretParam(std::string_view name) {
  static constexpr std::array<std::string_view, 10> params{"xamzsignature",
                                                           "xamzcredential",
                                                           "xamzsecuritytoken",
                                                           "token",
                                                           "accesstoken",
                                                           "password",
                                                           "secret",
                                                           "sig",
                                                           "signature",
                                                           "apikey"};
  const std::string n = normalised(name);
  return std::find(params.begin(), params.end(), n) != params.end() || isSecretKey(name);
}

// Masks the values of secret query parameters in "a=1&token=x".
std::string redactQuery(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && isSecretParam(pair.substr(0, eq))) {
      out += std::string(pair.substr(0, eq + 1)) + std::string(kMask);
    } else {
      out += pair;
    }
    if (end == query.size()) break;
    out += '&';
    start = end + 1;
  }
  return out;
}

// [begin, end) of the URL starting at `scheme` inside text (up to whitespace or a quote).
std::size_t urlEnd(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
         text[end] != '"' && text[end] != '\'' && text[end] != '>' && text[end] != ')')
    ++end;
  return end;
}

bool matches(std::string_view pattern, std::string_view key) {
  return pattern == "*" || pattern == key;
}

void maskPath(Value& v, const std::vector<std::string_view>& segments, std::size_t at) {
  if (at == segments.size()) {
    if (!v.isNull() && !(v.isString() && v.asString().empty())) v = Value(kMask);
    return;
  }
  if (v.isObject()) {
    for (auto& [key, child] : v.asObject()) {
      if (matches(segments[at], key)) maskPath(child, segments, at + 1);
    }
  } else if (v.isArray()) {
    auto& items = v.asArray();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (matches(segments[at], std::to_string(i))) maskPath(items[i], segments, at + 1);
    }
  }
}

void maskSecretKeys(Value& v) {
  if (v.isObject()) {
    for (auto& [key, child] : v.asObject()) {
      if (isSecretKey(key) && child.isScalar()) {
        if (!child.isNull()) child = Value(kMask);
      } else {
        maskSecretKeys(child);
      }
    }
  } else if (v.isArray()) {
    for (auto& item : v.asArray())
      maskSecretKeys(item);
  }
}

}  // namespace

std::string maskSecret(std::string_view secret) {
  return secret.empty() ? std::string() : std::string(kMask);
}

std::string redactUrl(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t hostStart = scheme + 3;
  std::size_t authorityEnd = url.find_first_of("/?#", hostStart);
  if (authorityEnd == std::string_view::npos) authorityEnd = url.size();
  const std::string_view authority = url.substr(hostStart, authorityEnd - hostStart);
  std::string out(url.substr(0, hostStart));
  // The last '@' ends the user-info: a token may itself contain '@'.
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    out += std::string(kMask) + std::string(authority.substr(at));
  } else {
    out += authority;
  }
  std::string_view rest = url.substr(authorityEnd);
  const std::size_t q = rest.find('?');
  if (q == std::string_view::npos) return out + std::string(rest);
  const std::size_t hash = rest.find('#', q);
  out += rest.substr(0, q + 1);
  out += redactQuery(rest.substr(q + 1, hash == std::string_view::npos ? rest.npos : hash - q - 1));
  if (hash != std::string_view::npos) out += rest.substr(hash);
  return out;
}

std::string redactText(std::string_view text) {
  std::string out;
  std::size_t done = 0;
  std::size_t pos = 0;
  while ((pos = text.find("://", pos)) != std::string_view::npos) {
    std::size_t begin = pos;
    while (begin > done &&
           (std::isalnum(static_cast<unsigned char>(text[begin - 1])) || text[begin - 1] == '+' ||
            text[begin - 1] == '-' || text[begin - 1] == '.'))
      --begin;
    const std::size_t end = urlEnd(text, pos + 3);
    out += text.substr(done, begin - done);
    out += redactUrl(text.substr(begin, end - begin));
    done = end;
    pos = end;
  }
  out += text.substr(done);
  return out;
}

bool isSecretKey(std::string_view key) {
  const std::string n = normalised(key);
  // Names that point at a secret rather than hold one.
  static constexpr std::array<std::string_view, 8> references{"env", "file", "arn",  "name",
                                                              "id",  "path", "type", "version"};
  for (auto suffix : references) {
    if (n.size() > suffix.size() && n.ends_with(suffix)) return false;
  }
  static constexpr std::array<std::string_view, 8> secrets{
      "password", "secret",        "token",      "privatekey",
      "apikey",   "authorization", "credential", "passphrase"};
  return std::any_of(secrets.begin(), secrets.end(),
                     [&](std::string_view s) { return n.find(s) != std::string::npos; });
}

Value redactValue(const Value& value, std::span<const std::string_view> extraPaths) {
  Value out = value;
  maskSecretKeys(out);
  for (std::string_view path : extraPaths) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = path.find('.', start);
      segments.push_back(
          path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    maskPath(out, segments, 0);
  }
  return out;
}

}  // namespace driftless::redact
