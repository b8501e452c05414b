#include "gitsource/known_hosts.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <sstream>
#include <vector>

namespace driftless::gitsource {
namespace {

std::vector<std::string_view> splitWs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t')
      ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

// A hashed name is |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
bool hashedMatches(std::string_view pattern, const std::string& name) {
  if (!pattern.starts_with("|1|")) return false;
  auto rest = pattern.substr(3);
  auto bar = rest.find('|');
  if (bar == std::string_view::npos) return false;
  std::string salt = base64Decode(rest.substr(0, bar));
  std::string want = base64Decode(rest.substr(bar + 1));
  if (salt.empty() || want.size() != 20) return false;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int macLen = 0;
  if (!HMAC(EVP_sha1(), salt.data(), static_cast<int>(salt.size()),
            reinterpret_cast<const unsigned char*>(name.data()), name.size(), mac, &macLen))
    return false;
  return macLen == want.size() && std::string_view(reinterpret_cast<char*>(mac), macLen) == want;
}

// OpenSSH patterns know only * and ? ('[' is literal: "[host]:port"), case-insensitive.
bool wildcardMatch(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(name[n]))) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

// OpenSSH semantics: a negated match vetoes the line; otherwise any positive match.
bool hostListMatches(std::string_view list, const std::string& name) {
  if (list.starts_with("|1|")) return hashedMatches(list, name);
  bool matched = false;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    auto item = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    bool negated = item.starts_with('!');
    if (negated) item.remove_prefix(1);
    if (!item.empty() && wildcardMatch(item, name)) {
      if (negated) return false;
      matched = true;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return matched;
}

}  // namespace

std::string base64Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=')
    text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned int buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    else
      return {};
    buffer = (buffer << 6) | static_cast<unsigned int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

bool knownHostsAccepts(std::string_view knownHosts, std::string_view host, int port,
                       std::string_view keyBlob, std::string* why) {
  // OpenSSH writes non-default ports as "[host]:port".
  const std::string name = port == 22 || port <= 0
                               ? std::string(host)
                               : "[" + std::string(host) + "]:" + std::to_string(port);
  bool hostKnown = false;
  bool accepted = false;
  std::istringstream in{std::string(knownHosts)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto fields = splitWs(line);
    if (fields.empty() || fields[0].starts_with('#')) continue;
    std::string_view marker;
    if (fields[0].starts_with('@')) {
      marker = fields[0];
      fields.erase(fields.begin());
    }
    if (fields.size() < 3 || marker == "@cert-authority") continue;
    if (!hostListMatches(fields[0], name)) continue;
    hostKnown = true;
    bool sameKey = base64Decode(fields[2]) == keyBlob;
    if (marker == "@revoked") {
      if (sameKey) {
        if (why) *why = "the host key of " + name + " is marked @revoked in known_hosts";
        return false;
      }
      continue;
    }
    if (sameKey) accepted = true;
  }
  if (accepted) return true;
  if (why)
    *why = hostKnown ? "the host key of " + name +
                           " does not match known_hosts (possible man-in-the-middle)"
                     : "host " + name + " is not in known_hosts";
  return false;
}

}  // namespace driftless::gitsource
