// The replay peer's recording: the request key and the file format, shared by
// replay_server and replay_load (bench only; bench/replay/record.py writes the file
// and derives the same key in Python).
//
// Key: "<METHOD> <region/service> <path>?<query> <X-Amz-Target>\n<body>", where
// region/service comes from the SigV4 credential scope (Authorization header or the
// X-Amz-Credential query parameter), the query keeps its raw parameters sorted, less
// every X-Amz-* one (signature, date, credential, token), and nothing else of the
// signature is used, so a read replays whatever the time it is signed at. The peer's
// own address in the body (the Host header, raw or URL-encoded: an SQS queue URL) is
// replaced by kHost, so the recorder's and the replay server's ports do not matter; in
// recorded answers kHost stands for the address too, put back when the server loads.
//
// File: "DLREPLAY1\n", then per entry
// "<key bytes> <status> <header bytes> <body bytes>\n<key><headers><body>\n",
// headers as "Name: value\r\n" lines (no Content-Length, Connection, Date).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace replay {

struct Entry {
  std::string key;
  int status = 0;
  std::string headers;
  std::string body;
};

inline bool iprefix(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  return true;
}

// "AK/20261128/eu-west-1/sqs/aws4_request" -> "eu-west-1/sqs".
inline std::string scopeOf(std::string_view credential) {
  std::vector<std::string_view> parts;
  while (true) {
    auto slash = credential.find('/');
    parts.push_back(credential.substr(0, slash));
    if (slash == std::string_view::npos) break;
    credential.remove_prefix(slash + 1);
  }
  if (parts.size() < 5) return "-";
  return std::string(parts[2]) + "/" + std::string(parts[3]);
}

inline std::string scopeFromAuthorization(std::string_view auth) {
  auto at = auth.find("Credential=");
  if (at == std::string_view::npos) return "-";
  auto cred = auth.substr(at + 11);
  return scopeOf(cred.substr(0, cred.find_first_of(", ")));
}

// The query less X-Amz-* parameters, sorted; the scope from X-Amz-Credential if any.
inline std::string canonicalQuery(std::string_view query, std::string& scope) {
  std::vector<std::string_view> params;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto p = query.substr(0, amp);
    if (iprefix(p, "x-amz-credential=") && scope == "-") {
      std::string cred(p.substr(17));
      for (std::size_t i; (i = cred.find("%2F")) != std::string::npos;)
        cred.replace(i, 3, "/");
      scope = scopeOf(cred);
    }
    if (!p.empty() && !iprefix(p, "x-amz-")) params.push_back(p);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (auto p : params) {
    if (!out.empty()) out += '&';
    out += p;
  }
  return out;
}

inline constexpr std::string_view kHost = "@@REPLAY_HOST@@";

inline void replaceAll(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t i = 0; (i = s.find(from, i)) != std::string::npos; i += to.size())
    s.replace(i, from.size(), to);
}

// The body with the peer's address (raw, and URL-encoded) replaced by kHost (or back).
inline std::string withHost(std::string_view body, std::string_view from, std::string_view to) {
  std::string out(body), fromEncoded(from), toEncoded(to);
  replaceAll(out, from, to);
  replaceAll(fromEncoded, ":", "%3A");
  replaceAll(toEncoded, ":", "%3A");
  replaceAll(out, fromEncoded, toEncoded);
  return out;
}

inline std::string requestKey(std::string_view method, std::string_view target,
                              std::string_view host, std::string_view authorization,
                              std::string_view amzTarget, std::string_view body) {
  std::string scope = scopeFromAuthorization(authorization);
  auto q = target.find('?');
  std::string query = canonicalQuery(
      q == std::string_view::npos ? std::string_view{} : target.substr(q + 1), scope);
  std::string key;
  key.reserve(method.size() + target.size() + amzTarget.size() + body.size() + 32);
  key.append(method).append(" ").append(scope).append(" ");
  key.append(target.substr(0, q)).append("?").append(query).append(" ");
  key.append(amzTarget).append("\n").append(withHost(body, host, kHost));
  return key;
}

inline std::vector<Entry> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open recording " + path);
  std::string magic;
  std::getline(in, magic);
  if (magic != "DLREPLAY1") throw std::runtime_error(path + " is not a replay recording");
  std::vector<Entry> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream sizes(line);
    std::size_t k = 0, h = 0, b = 0;
    Entry e;
    if (!(sizes >> k >> e.status >> h >> b))
      throw std::runtime_error("bad entry header in " + path);
    e.key.resize(k);
    e.headers.resize(h);
    e.body.resize(b);
    in.read(e.key.data(), static_cast<std::streamsize>(k));
    in.read(e.headers.data(), static_cast<std::streamsize>(h));
    in.read(e.body.data(), static_cast<std::streamsize>(b));
    if (!in || in.get() != '\n') throw std::runtime_error("truncated entry in " + path);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace replay
