#include "controller/config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <yaml-cpp/yaml.h>

#include "providers/aws/budget.h"
#include "providers/redact.h"

namespace driftless::config {
namespace {

std::string quote(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep = ", ") {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest candidate when it is close enough to be a typo, else "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 4) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = editDistance(word, c);
    if (d < bestDistance && d < c.size()) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::string describeKind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return quote(node.Scalar());
    default:
      return "nothing";
  }
}

// Hand-written matchers: GCC 12's <regex> trips -Wmaybe-uninitialized under
// -O2 with sanitizers, and these shapes are simple.
bool isAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isLower(char c) {
  return c >= 'a' && c <= 'z';
}

// Every character alphanumeric (if `alnum`) or one of `extra`, lowercase only if asked.
bool onlyChars(std::string_view s, std::string_view extra, bool lowerOnly = false) {
  for (char c : s) {
    const bool letterOrDigit = lowerOnly ? (isLower(c) || isDigit(c)) : isAlnum(c);
    if (!letterOrDigit && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool isEnvVarName(std::string_view s) {
  return !s.empty() && !isDigit(s.front()) && onlyChars(s, "_");
}

// 1 to 5 digits, <= 65535.
std::optional<int> portNumber(std::string_view s) {
  if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), isDigit)) return std::nullopt;
  const int port = std::stoi(std::string(s));
  if (port > 65535) return std::nullopt;
  return port;
}

// http(s)://host[:port][/path]
bool isEndpointUrl(std::string_view s) {
  std::string_view rest;
  if (s.starts_with("http://"))
    rest = s.substr(7);
  else if (s.starts_with("https://"))
    rest = s.substr(8);
  else
    return false;
  const std::string_view authority = rest.substr(0, rest.find('/'));
  const std::size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (host.empty() || !onlyChars(host, ".-")) return false;
  return colon == std::string_view::npos || portNumber(authority.substr(colon + 1)).has_value();
}

// eu-west-1, us-gov-west-1, cn-north-1: two letters, words, a number.
bool isRegion(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = s.find('-', start);
    parts.push_back(s.substr(start, dash == std::string_view::npos ? s.npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() < 3 || parts.front().size() != 2) return false;
  for (const auto& part : parts) {
    if (part.empty() || !onlyChars(part, "", true)) return false;
  }
  if (!std::all_of(parts.front().begin(), parts.front().end(), isLower)) return false;
  return std::all_of(parts.back().begin(), parts.back().end(), isDigit);
}

// arn:aws[-partition]:iam::<12 digits>:role/<path/name>
bool isRoleArn(std::string_view s) {
  if (!s.starts_with("arn:aws")) return false;
  s.remove_prefix(7);
  const std::size_t iam = s.find(":iam::");
  if (iam == std::string_view::npos || !onlyChars(s.substr(0, iam), "-", true)) return false;
  s.remove_prefix(iam + 6);
  if (s.size() < 13 || !std::all_of(s.begin(), s.begin() + 12, isDigit)) return false;
  s.remove_prefix(12);
  if (!s.starts_with(":role/")) return false;
  s.remove_prefix(6);
  return !s.empty() && onlyChars(s, "+=,.@_/-");
}

bool isBucketName(std::string_view s) {
  return s.size() >= 3 && s.size() <= 63 && onlyChars(s, ".-", true) && isAlnum(s.front()) &&
         isAlnum(s.back());
}

// A field that reads back as one token: letters, digits and `extra`, first one alnum.
bool isName(std::string_view s, std::size_t maxSize, std::string_view extra) {
  return !s.empty() && s.size() <= maxSize && isAlnum(s.front()) && onlyChars(s, extra);
}

// A key and its value inside a map, with the dotted path used in messages.
struct Field {
  YAML::Node key;
  YAML::Node value;
  std::string path;
};

class Loader {
 public:
  Loader(const std::filesystem::path& file) : file_(file.string()) {
    const auto parent = file.parent_path();
    std::error_code ec;
    baseDir_ = std::filesystem::absolute(parent.empty() ? "." : parent, ec).lexically_normal();
  }

  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  void error(const YAML::Mark& mark, std::string path, std::string message) {
    Diagnostic d;
    d.file = file_;
    if (!mark.is_null()) {
      d.line = mark.line + 1;
      d.column = mark.column + 1;
    }
    d.keyPath = std::move(path);
    d.message = std::move(message);
    diagnostics_.push_back(std::move(d));
  }
  void error(const YAML::Node& at, std::string path, std::string message) {
    error(at.Mark(), std::move(path), std::move(message));
  }
  void fileError(std::string message) {
    Diagnostic d;
    d.file = file_;
    d.message = std::move(message);
    diagnostics_.push_back(std::move(d));
  }

  ControllerConfig load(const YAML::Node& root) {
    ControllerConfig config;
    config.file = file_;
    if (!root.IsDefined() || root.IsNull()) {
      fileError("the file is empty; expected a map with controller, source, environments");
      return config;
    }
    const YAML::Mark top = rootMark();
    if (!root.IsMap()) {
      error(root, "",
            "expected a map with controller, source, environments; got " + describeKind(root));
      return config;
    }
    auto fields = keysOf(
        root, "", {"controller", "source", "sources", "environments", "state", "notifications"});

    if (auto it = fields.find("controller"); it != fields.end()) {
      loadController(it->second, config.controller);
    } else {
      missing(top, "controller", "missing required section (controller.id at least)");
    }
    loadSources(fields, top, config);
    if (auto it = fields.find("environments"); it != fields.end()) {
      loadEnvironments(it->second, config);
    } else {
      missing(top, "environments", "missing required section: at least one environment");
    }
    if (auto it = fields.find("state"); it != fields.end()) loadState(it->second, config.state);
    if (auto it = fields.find("notifications"); it != fields.end())
      loadNotifications(it->second, config);

    if (config.controller.dataDir.empty()) config.controller.dataDir = "/var/lib/driftless";
    if (config.controller.controlSocket.empty()) {
      config.controller.controlSocket = config.controller.dataDir / "control.sock";
    }
    return config;
  }

 private:
  // YAML reports no mark for a missing key; point at the start of the file then.
  static YAML::Mark rootMark() {
    YAML::Mark m;
    return m;
  }

  // Checks that `node` is a map, reports duplicate, unknown and non-string keys,
  // and returns the known keys with their values.
  std::map<std::string, Field> keysOf(const YAML::Node& node, const std::string& path,
                                      const std::vector<std::string>& allowed) {
    std::map<std::string, Field> out;
    std::map<std::string, int> firstLine;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key = it->first;
      if (!key.IsScalar()) {
        error(key, path, "keys must be plain strings, got " + describeKind(key));
        continue;
      }
      const std::string name = key.Scalar();
      const std::string keyPath = path.empty() ? name : path + "." + name;
      if (auto seen = firstLine.find(name); seen != firstLine.end()) {
        error(key, keyPath,
              "duplicate key (first given at line " + std::to_string(seen->second) + ")");
        continue;
      }
      firstLine[name] = key.Mark().line + 1;
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        std::string message = "unknown key";
        if (auto guess = closest(name, allowed); !guess.empty()) {
          message += "; did you mean " + quote(guess) + "?";
          // The misspelt key is the missing one: say it once, not twice.
          suggested_.insert(path.empty() ? guess : path + "." + guess);
        } else {
          message += " (allowed: " + join(allowed) + ")";
        }
        error(key, keyPath, message);
        continue;
      }
      out.emplace(name, Field{key, it->second, keyPath});
    }
    return out;
  }

  // Entries of a map whose keys are names chosen by the user (sources, environments).
  std::vector<Field> entriesOf(const Field& field) {
    std::vector<Field> out;
    std::map<std::string, int> firstLine;
    for (auto it = field.value.begin(); it != field.value.end(); ++it) {
      const YAML::Node key = it->first;
      if (!key.IsScalar()) {
        error(key, field.path, "names must be plain strings, got " + describeKind(key));
        continue;
      }
      const std::string keyPath = field.path + "." + key.Scalar();
      if (auto seen = firstLine.find(key.Scalar()); seen != firstLine.end()) {
        error(key, keyPath,
              "duplicate name (first given at line " + std::to_string(seen->second) + ")");
        continue;
      }
      firstLine[key.Scalar()] = key.Mark().line + 1;
      out.push_back(Field{key, it->second, keyPath});
    }
    return out;
  }

  bool expectMap(const Field& f, std::string_view what) {
    if (f.value.IsMap()) return true;
    error(f.value.IsNull() ? f.key : f.value, f.path,
          "expected a map (" + std::string(what) + "), got " + describeKind(f.value));
    return false;
  }

  // A scalar as text; reports lists/maps, empty values and ${...} interpolation.
  std::optional<std::string> scalar(const Field& f) {
    if (f.value.IsNull() || (f.value.IsScalar() && f.value.Scalar().empty())) {
      error(f.key, f.path, "missing value");
      return std::nullopt;
    }
    if (!f.value.IsScalar()) {
      error(f.value, f.path, "expected a single value, got " + describeKind(f.value));
      return std::nullopt;
    }
    const std::string& text = f.value.Scalar();
    if (text.find("${") != std::string::npos) {
      error(f.value, f.path,
            "\"${...}\" interpolation is not supported; secrets are referenced by "
            "environment variable name (tokenEnv, webhookSecretEnv)");
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::string> string(const Field& f) { return scalar(f); }

  // A quoted "true" or "64" is a string in YAML; say so, or the message reads as nonsense.
  static std::string quotedOr(const YAML::Node& value) {
    return (value.Tag() == "!" ? "the quoted string " : "") + quote(value.Scalar());
  }

  std::optional<bool> boolean(const Field& f) {
    auto text = scalar(f);
    if (!text) return std::nullopt;
    // Only YAML 1.2 booleans: "yes"/"on" (YAML 1.1) are too easy to misread.
    static const std::set<std::string> yes{"true", "True", "TRUE"}, no{"false", "False", "FALSE"};
    if (f.value.Tag() == "?" && yes.contains(*text)) return true;
    if (f.value.Tag() == "?" && no.contains(*text)) return false;
    error(f.value, f.path, "expected true or false, got " + quotedOr(f.value));
    return std::nullopt;
  }

  std::optional<long long> integer(const Field& f) {
    auto text = scalar(f);
    if (!text) return std::nullopt;
    long long v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (f.value.Tag() != "?" || ec != std::errc() || end != text->data() + text->size()) {
      error(f.value, f.path, "expected an integer, got " + quotedOr(f.value));
      return std::nullopt;
    }
    return v;
  }

  std::optional<double> number(const Field& f) {
    auto text = scalar(f);
    if (!text) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (f.value.Tag() != "?" || ec != std::errc() || end != text->data() + text->size() ||
        !std::isfinite(v)) {
      error(f.value, f.path, "expected a number, got " + quotedOr(f.value));
      return std::nullopt;
    }
    return v;
  }

  // Durations that must be > 0 (intervals, retention).
  std::optional<Duration> positiveDuration(const Field& f) {
    auto text = scalar(f);
    if (!text) return std::nullopt;
    auto d = parseDuration(*text);
    if (!d) {
      error(f.value, f.path, d.error());
      return std::nullopt;
    }
    if (d->count() <= 0) {
      error(f.value, f.path, "must be greater than zero, got " + quote(*text));
      return std::nullopt;
    }
    return *d;
  }

  std::optional<std::string> envVar(const Field& f) {
    auto text = scalar(f);
    if (!text) return std::nullopt;
    if (!isEnvVarName(*text)) {
      error(f.value, f.path,
            "expected the NAME of an environment variable (letters, digits, _), got " +
                quote(redact::maskSecret(*text)));
      return std::nullopt;
    }
    return text;
  }

  std::filesystem::path resolve(const std::string& p) const {
    const std::filesystem::path path(p);
    return path.is_absolute() ? path : (baseDir_ / path).lexically_normal();
  }

  std::optional<std::string> endpointUrl(const Field& f) {
    auto text = string(f);
    if (!text) return std::nullopt;
    if (!isEndpointUrl(*text)) {
      error(f.value, f.path,
            "expected http(s)://host[:port], got " + quote(redact::redactUrl(*text)));
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::string> region(const Field& f) {
    auto text = string(f);
    if (!text) return std::nullopt;
    if (!isRegion(*text)) {
      error(f.value, f.path, "expected an AWS region such as eu-west-1, got " + quote(*text));
      return std::nullopt;
    }
    return text;
  }

  // A folder inside a repository: relative, no "..", normalised without trailing '/'.
  std::optional<std::string> repoPath(const Field& f) {
    auto text = string(f);
    if (!text) return std::nullopt;
    const std::filesystem::path p(*text);
    bool upward = false;
    for (const auto& part : p)
      upward = upward || part == "..";
    if (p.is_absolute() || upward) {
      error(
          f.value, f.path,
          "must be a folder inside the repository (relative, without \"..\"), got " + quote(*text));
      return std::nullopt;
    }
    std::string normal = p.lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/')
      normal.pop_back();
    return normal.empty() ? "." : normal;
  }

  void loadController(const Field& f, ControllerSection& c) {
    if (!expectMap(f, "id, dataDir, controlSocket, http, webhookSecretEnv, maxInFlightRequests"))
      return;
    auto keys = keysOf(f.value, f.path,
                       {"id", "dataDir", "controlSocket", "http", "webhookSecretEnv",
                        "maxInFlightRequests", "events", "apiBudget"});
    if (auto it = keys.find("events"); it != keys.end()) loadEvents(it->second, c);
    if (auto it = keys.find("apiBudget"); it != keys.end()) loadApiBudget(it->second, c);
    if (auto it = keys.find("id"); it != keys.end()) {
      if (auto id = string(it->second)) {
        if (!id->empty() && id->size() <= 128 && onlyChars(*id, "._-")) {
          c.id = *id;
        } else {
          error(it->second.value, it->second.path,
                "must be 1 to 128 letters, digits, '.', '_' or '-' (it is an AWS tag value), "
                "got " +
                    quote(*id));
        }
      }
    } else {
      missing(f.key, f.path + ".id", "missing required key (this controller's ownership id)");
    }
    if (auto it = keys.find("dataDir"); it != keys.end()) {
      if (auto v = string(it->second)) c.dataDir = resolve(*v);
    }
    if (auto it = keys.find("controlSocket"); it != keys.end()) {
      if (auto v = string(it->second)) c.controlSocket = resolve(*v);
    }
    if (auto it = keys.find("http"); it != keys.end()) loadHttp(it->second, c);
    if (auto it = keys.find("webhookSecretEnv"); it != keys.end()) {
      if (auto v = envVar(it->second)) c.webhookSecretEnv = *v;
    }
    if (auto it = keys.find("maxInFlightRequests"); it != keys.end()) {
      if (auto v = integer(it->second)) {
        if (*v < 1 || *v > 10000) {
          error(it->second.value, it->second.path,
                "must be between 1 and 10000, got " + std::to_string(*v));
        } else {
          c.maxInFlightRequests = static_cast<int>(*v);
        }
      }
    }
  }

  // controller.apiBudget: { lambda: 10, sqs: 100 } — requests per second per service.
  void loadApiBudget(const Field& f, ControllerSection& c) {
    std::vector<std::string> services;
    for (const auto& d : aws::ApiBudget::defaults())
      services.emplace_back(d.service);
    if (!expectMap(f, "AWS service -> requests per second, e.g. lambda: 10")) return;
    for (const auto& [name, field] : keysOf(f.value, f.path, services)) {
      auto v = number(field);
      if (!v) continue;
      if (*v < 0.5 || *v > 100000) {
        error(field.value, field.path,
              "must be between 0.5 and 100000 requests per second, got " + field.value.Scalar());
        continue;
      }
      c.apiBudget[name] = *v;
    }
  }

  void loadEvents(const Field& f, ControllerSection& c) {
    if (!expectMap(f, "queueUrl, region, endpointUrl, ignoreOwnPrincipal")) return;
    auto keys =
        keysOf(f.value, f.path, {"queueUrl", "region", "endpointUrl", "ignoreOwnPrincipal"});
    EventsConfig e;
    if (auto it = keys.find("queueUrl"); it != keys.end()) {
      if (auto u = string(it->second)) {
        if (u->starts_with("https://") || u->starts_with("http://")) {
          e.queueUrl = *u;
        } else {
          error(it->second.value, it->second.path,
                "expected an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>), "
                "got " +
                    quote(*u));
        }
      }
    } else {
      missing(f.key, f.path + ".queueUrl", "missing required key (the SQS queue of change events)");
    }
    if (auto it = keys.find("region"); it != keys.end()) {
      if (auto r = region(it->second)) e.region = *r;
    } else {
      missing(f.key, f.path + ".region", "missing required key (the queue's region)");
    }
    if (auto it = keys.find("endpointUrl"); it != keys.end()) {
      if (auto u = endpointUrl(it->second)) e.endpointUrl = *u;
    }
    if (auto it = keys.find("ignoreOwnPrincipal"); it != keys.end()) {
      if (auto b = boolean(it->second)) e.ignoreOwnPrincipal = *b;
    }
    c.events = std::move(e);
  }

  void loadHttp(const Field& f, ControllerSection& c) {
    if (!expectMap(f, "listen, ui, tokenEnv")) return;
    auto keys = keysOf(f.value, f.path, {"listen", "ui", "tokenEnv"});
    auto it = keys.find("listen");
    if (it == keys.end()) {
      missing(f.key, f.path + ".listen", "missing required key (host:port, e.g. 127.0.0.1:9464)");
      return;
    }
    auto text = string(it->second);
    if (!text) return;
    const std::size_t colon = text->rfind(':');
    std::string host = colon == std::string::npos ? "" : text->substr(0, colon);
    const auto port =
        colon == std::string::npos ? std::nullopt : portNumber(text->substr(colon + 1));
    const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) host = host.substr(1, host.size() - 2);
    const bool hostOk =
        bracketed ? onlyChars(host, ":.") : (!host.empty() && onlyChars(host, ".-"));
    if (!port || !hostOk) {
      error(it->second.value, it->second.path,
            "expected host:port such as 127.0.0.1:9464 or [::1]:9464, got " + quote(*text));
      return;
    }
    HttpConfig http;
    http.listen = *text;
    http.host = host;
    http.port = static_cast<std::uint16_t>(*port);
    if (auto ui = keys.find("ui"); ui != keys.end()) {
      if (auto b = boolean(ui->second)) http.ui = *b;
    }
    if (auto token = keys.find("tokenEnv"); token != keys.end()) {
      if (auto v = envVar(token->second)) http.tokenEnv = *v;
    }
    c.http = http;
  }

  void loadSources(const std::map<std::string, Field>& top, const YAML::Mark& at,
                   ControllerConfig& config) {
    auto one = top.find("source");
    auto many = top.find("sources");
    if (one != top.end() && many != top.end()) {
      error(many->second.key, "sources",
            "\"source\" and \"sources\" cannot both be given (line " +
                std::to_string(one->second.key.Mark().line + 1) +
                " has \"source\"); name every repository under \"sources\"");
      sourcesBroken_ = true;
      return;
    }
    if (one != top.end()) {
      SourceConfig s;
      s.name = "default";
      declaredSources_.push_back(s.name);
      if (loadSource(one->second, s))
        config.sources.emplace(s.name, s);
      else
        sourcesBroken_ = true;
      return;
    }
    if (many != top.end()) {
      if (!expectMap(many->second, "repository name -> url, path, auth")) {
        sourcesBroken_ = true;
        return;
      }
      if (many->second.value.size() == 0) {
        error(many->second.key, "sources", "must name at least one repository");
      }
      for (const auto& entry : entriesOf(many->second)) {
        SourceConfig s;
        s.name = entry.key.Scalar();
        if (!validName(entry, "source")) {
          sourcesBroken_ = true;
          continue;
        }
        declaredSources_.push_back(s.name);
        if (loadSource(entry, s))
          config.sources.emplace(s.name, s);
        else
          sourcesBroken_ = true;
      }
      return;
    }
    if (!suggested_.contains("sources"))
      missing(at, "source", "missing required section: \"source\" (or several under \"sources\")");
    sourcesBroken_ = true;
  }

  bool validName(const Field& f, std::string_view what) {
    if (isName(f.key.Scalar(), 64, "_-")) return true;
    error(f.key, f.path,
          std::string(what) +
              " names must be 1 to 64 letters, digits, '_' or '-', starting with a letter or "
              "digit (they appear in S3 keys and tags)");
    return false;
  }

  bool loadSource(const Field& f, SourceConfig& s) {
    if (!expectMap(f, "url, path, auth")) return false;
    const std::size_t before = diagnostics_.size();
    auto keys = keysOf(f.value, f.path, {"url", "path", "auth"});
    if (auto it = keys.find("url"); it != keys.end()) {
      if (auto url = string(it->second)) {
        if (auto problem = urlProblem(*url)) {
          error(it->second.value, it->second.path, *problem);
        } else {
          s.url = isLocalPath(*url) ? resolve(*url).string() : *url;
        }
      }
    } else {
      missing(f.key, f.path + ".url", "missing required key (the repository to pull)");
    }
    if (auto it = keys.find("path"); it != keys.end()) {
      if (auto p = repoPath(it->second)) s.path = *p;
    }
    if (auto it = keys.find("auth"); it != keys.end()) loadAuth(it->second, s.auth);
    return diagnostics_.size() == before;
  }

  static bool isLocalPath(std::string_view url) {
    return url.find("://") == std::string_view::npos &&
           (url.starts_with("/") || url.starts_with(".") || url.find(':') == std::string::npos);
  }

  static std::optional<std::string> urlProblem(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return std::nullopt;  // a path or user@host:path
    static const std::set<std::string> schemes{"https", "http", "ssh", "git", "file"};
    const std::string name = url.substr(0, scheme);
    if (!schemes.contains(name)) {
      return "unsupported URL scheme " + quote(name) +
             " (use https://, http://, ssh://, git://, file:// or a path)";
    }
    const auto authorityEnd = url.find('/', scheme + 3);
    const std::string authority = url.substr(scheme + 3, authorityEnd - scheme - 3);
    const auto at = authority.find('@');
    if (at != std::string::npos) {
      const bool password = authority.substr(0, at).find(':') != std::string::npos;
      if (name == "https" || name == "http" || password) {
        return "credentials inside the URL are refused (" + redact::redactUrl(url) +
               "); put the token in an environment variable and name it in auth.tokenEnv";
      }
    }
    return std::nullopt;
  }

  void loadAuth(const Field& f, GitAuth& auth) {
    if (!expectMap(f, "tokenEnv, or sshKeyFile and knownHostsFile")) return;
    auto keys =
        keysOf(f.value, f.path, {"tokenEnv", "sshKeyFile", "knownHostsFile", "sshPassphraseEnv"});
    auto token = keys.find("tokenEnv");
    auto key = keys.find("sshKeyFile");
    auto known = keys.find("knownHostsFile");
    auto passphrase = keys.find("sshPassphraseEnv");
    if (token != keys.end() && key != keys.end()) {
      error(key->second.key, key->second.path, "give either tokenEnv or sshKeyFile, not both");
      return;
    }
    if (known != keys.end() && key == keys.end()) {
      error(known->second.key, known->second.path, "only used together with sshKeyFile");
    }
    if (passphrase != keys.end() && key == keys.end()) {
      error(passphrase->second.key, passphrase->second.path, "only used together with sshKeyFile");
    }
    if (token != keys.end()) {
      if (auto v = envVar(token->second)) auth.tokenEnv = *v;
    }
    if (key != keys.end()) {
      if (auto v = string(key->second)) auth.sshKeyFile = resolve(*v);
    }
    if (known != keys.end() && key != keys.end()) {
      if (auto v = string(known->second)) auth.knownHostsFile = resolve(*v);
    }
    if (passphrase != keys.end() && key != keys.end()) {
      if (auto v = envVar(passphrase->second)) auth.sshPassphraseEnv = *v;
    }
  }

  void loadEnvironments(const Field& f, ControllerConfig& config) {
    if (!expectMap(f, "environment name -> branch, region, interval, ...")) return;
    if (f.value.size() == 0) error(f.key, f.path, "must define at least one environment");
    // Two environments that would reconcile the same manifests into the same account
    // and region fight over the same resources: refuse them together.
    std::map<
        std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>,
        std::pair<std::string, int>>
        targets;
    for (const auto& entry : entriesOf(f)) {
      if (!validName(entry, "environment")) continue;
      EnvironmentConfig env;
      env.name = entry.key.Scalar();
      if (!loadEnvironment(entry, config, env)) continue;
      auto target = std::make_tuple(env.source, env.path, env.branch, env.region, env.assumeRoleArn,
                                    env.endpointUrl);
      const int line = entry.key.Mark().line + 1;
      if (auto [it, inserted] = targets.emplace(target, std::make_pair(env.name, line));
          !inserted) {
        error(entry.key, entry.path,
              "same source, path, branch, region and account as environment " +
                  quote(it->second.first) + " (line " + std::to_string(it->second.second) +
                  "); the two would fight over the same resources");
        continue;
      }
      config.environments.emplace(env.name, env);
    }
  }

  bool loadEnvironment(const Field& f, const ControllerConfig& config, EnvironmentConfig& env) {
    if (!expectMap(f, "branch, region, interval, ...")) return false;
    const std::size_t before = diagnostics_.size();
    auto keys = keysOf(f.value, f.path,
                       {"source", "path", "branch", "interval", "retryInterval", "region",
                        "assumeRoleArn", "endpointUrl", "prune", "selfHeal", "maxPruneFraction",
                        "fullScanInterval", "unmanagedScanInterval", "health", "verify"});
    const std::vector<std::string>& names = declaredSources_;
    const auto declared = [&](const std::string& n) {
      return std::find(names.begin(), names.end(), n) != names.end();
    };
    if (auto it = keys.find("source"); it != keys.end()) {
      if (auto v = string(it->second)) {
        if (declared(*v)) {
          env.source = *v;  // a source that failed to load was reported already
        } else if (!sourcesBroken_) {
          std::string message = "unknown source " + quote(*v);
          if (auto guess = closest(*v, names); !guess.empty()) {
            message += "; did you mean " + quote(guess) + "?";
          } else {
            message += " (defined: " + join(names) + ")";
          }
          error(it->second.value, it->second.path, message);
        }
      }
    } else if (names.size() == 1) {
      env.source = names.front();
    } else if (names.size() > 1) {
      error(f.key, f.path + ".source",
            "missing: several sources are defined (" + join(names) + "); name one");
    }

    if (auto it = keys.find("path"); it != keys.end()) {
      if (auto p = repoPath(it->second)) env.path = *p;
    } else if (auto s = config.sources.find(env.source); s != config.sources.end()) {
      env.path = s->second.path;
    }

    if (auto it = keys.find("branch"); it != keys.end()) {
      if (auto b = string(it->second)) {
        if (auto problem = branchProblem(*b)) {
          error(it->second.value, it->second.path, *problem);
        } else {
          env.branch = *b;
        }
      }
    } else {
      missing(f.key, f.path + ".branch", "missing required key (the branch to reconcile)");
    }

    if (auto it = keys.find("interval"); it != keys.end()) {
      if (auto d = positiveDuration(it->second)) env.interval = *d;
    }
    env.retryInterval = std::max(env.interval / 2, Duration(1));
    if (auto it = keys.find("retryInterval"); it != keys.end()) {
      if (auto d = positiveDuration(it->second)) env.retryInterval = *d;
    }
    env.fullScanInterval = env.interval;
    if (auto it = keys.find("fullScanInterval"); it != keys.end()) {
      if (auto d = positiveDuration(it->second)) {
        if (*d < env.interval) {
          error(it->second.value, it->second.path,
                "must be at least the interval (" + formatDuration(env.interval) +
                    "): every cycle already observes every resource");
        } else {
          env.fullScanInterval = *d;
        }
      }
    }
    if (auto it = keys.find("unmanagedScanInterval"); it != keys.end()) {
      if (auto d = positiveDuration(it->second)) env.unmanagedScanInterval = *d;
    }

    if (auto it = keys.find("region"); it != keys.end()) {
      if (auto r = region(it->second)) env.region = *r;
    } else {
      missing(f.key, f.path + ".region", "missing required key (e.g. eu-west-1)");
    }

    if (auto it = keys.find("assumeRoleArn"); it != keys.end()) {
      if (auto a = string(it->second)) {
        if (isRoleArn(*a)) {
          env.assumeRoleArn = *a;
        } else {
          error(it->second.value, it->second.path,
                "expected an IAM role ARN (arn:aws:iam::123456789012:role/name), got " + quote(*a));
        }
      }
    }
    if (auto it = keys.find("endpointUrl"); it != keys.end()) {
      if (auto u = endpointUrl(it->second)) env.endpointUrl = *u;
    }
    if (auto it = keys.find("prune"); it != keys.end()) {
      if (auto b = boolean(it->second)) env.prune = *b;
    }
    if (auto it = keys.find("selfHeal"); it != keys.end()) {
      if (auto b = boolean(it->second)) env.selfHeal = *b;
    }
    if (auto it = keys.find("maxPruneFraction"); it != keys.end()) {
      if (auto v = number(it->second)) {
        if (*v < 0 || *v > 1) {
          error(it->second.value, it->second.path,
                "must be between 0 and 1 (a fraction of the managed resources), got " +
                    it->second.value.Scalar());
        } else {
          env.maxPruneFraction = *v;
        }
      }
    }
    if (auto it = keys.find("health"); it != keys.end()) loadHealth(it->second, env);
    if (auto it = keys.find("verify"); it != keys.end()) loadVerify(it->second, env.verify);
    return diagnostics_.size() == before;
  }

  // `verify: { mode: ssh|gpg, allowedSignersFile | keyring }` (signed commits).
  void loadVerify(const Field& f, gitsource::VerifyPolicy& policy) {
    using Mode = gitsource::VerifyPolicy::Mode;
    if (!expectMap(f, "mode, and allowedSignersFile (ssh) or keyring (gpg)")) return;
    auto keys = keysOf(f.value, f.path, {"mode", "allowedSignersFile", "keyring"});
    auto mode = keys.find("mode");
    auto signers = keys.find("allowedSignersFile");
    auto keyring = keys.find("keyring");
    if (mode == keys.end()) {
      missing(f.key, f.path + ".mode", "missing required key (ssh or gpg)");
      return;
    }
    auto m = string(mode->second);
    if (!m) return;
    if (*m != "ssh" && *m != "gpg") {
      error(mode->second.value, mode->second.path, "expected ssh or gpg, got " + quote(*m));
      return;
    }
    const bool ssh = *m == "ssh";
    const auto& wanted = ssh ? signers : keyring;
    const auto& other = ssh ? keyring : signers;
    const std::string wantedName = ssh ? "allowedSignersFile" : "keyring";
    if (other != keys.end())
      error(other->second.key, other->second.path,
            "not used with mode " + *m + " (give " + wantedName + ")");
    if (wanted == keys.end()) {
      missing(f.key, f.path + "." + wantedName,
              ssh ? "missing required key (an OpenSSH allowed_signers file)"
                  : "missing required key (a file of OpenPGP public keys, gpg --export)");
      return;
    }
    auto path = string(wanted->second);
    if (!path) return;
    if (path->empty()) {
      error(wanted->second.value, wanted->second.path, "must not be empty");
      return;
    }
    policy.mode = ssh ? Mode::Ssh : Mode::Gpg;
    (ssh ? policy.allowedSignersFile : policy.keyring) = resolve(*path);
  }

  // The subset of git check-ref-format rules a typo can break.
  static std::optional<std::string> branchProblem(const std::string& b) {
    const bool bad = b.find_first_of(" \t~^:?*[\\") != std::string::npos ||
                     b.find("..") != std::string::npos || b.find("@{") != std::string::npos ||
                     b.find("//") != std::string::npos || b.starts_with("/") ||
                     b.starts_with("-") || b.ends_with("/") || b.ends_with(".") ||
                     b.ends_with(".lock");
    if (!bad) return std::nullopt;
    return "not a valid git branch name: " + quote(b);
  }

  void loadState(const Field& f, StateConfig& state) {
    if (!expectMap(f, "backend, bucket, prefix, region, retention, endpointUrl")) return;
    auto keys = keysOf(f.value, f.path,
                       {"backend", "bucket", "prefix", "region", "retention", "endpointUrl"});
    bool backendKnown = true;
    if (auto it = keys.find("backend"); it != keys.end()) {
      if (auto b = string(it->second)) {
        if (*b == "s3") {
          state.backend = StateBackend::S3;
        } else if (*b == "local") {
          state.backend = StateBackend::Local;
        } else {
          error(it->second.value, it->second.path, "expected s3 or local, got " + quote(*b));
          backendKnown = false;
        }
      } else {
        backendKnown = false;
      }
    }
    const bool s3 = state.backend == StateBackend::S3;
    auto onlyS3 = [&](const Field& field) {
      if (s3 || !backendKnown) return true;
      error(field.key, field.path, "only used with backend s3 (the backend is local)");
      return false;
    };
    if (auto it = keys.find("bucket"); it != keys.end()) {
      if (onlyS3(it->second)) {
        if (auto b = string(it->second)) {
          if (isBucketName(*b)) {
            state.bucket = *b;
          } else {
            error(it->second.value, it->second.path,
                  "not a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-'): " +
                      quote(*b));
          }
        }
      }
    } else if (s3) {
      missing(f.key, f.path + ".bucket", "missing: backend s3 needs a bucket");
    }
    if (auto it = keys.find("region"); it != keys.end()) {
      if (onlyS3(it->second)) {
        if (auto r = region(it->second)) state.region = *r;
      }
    } else if (s3) {
      missing(f.key, f.path + ".region", "missing: backend s3 needs the bucket's region");
    }
    if (auto it = keys.find("endpointUrl"); it != keys.end()) {
      if (onlyS3(it->second)) {
        if (auto u = endpointUrl(it->second)) state.endpointUrl = *u;
      }
    }
    if (auto it = keys.find("prefix"); it != keys.end()) {
      if (auto p = string(it->second)) {
        if (p->starts_with("/")) {
          error(it->second.value, it->second.path, "must not start with '/': " + quote(*p));
        } else {
          state.prefix = *p;
          if (!state.prefix.ends_with("/")) state.prefix += "/";
        }
      }
    }
    if (auto it = keys.find("retention"); it != keys.end()) {
      if (auto d = positiveDuration(it->second)) state.retention = *d;
    }
  }

  // `notifications:` — a list of { name, on, environments, sns | webhook }.
  void loadNotifications(const Field& f, ControllerConfig& config) {
    if (!f.value.IsSequence()) {
      error(f.value, f.path,
            "expected a list of notification targets, got " + describeKind(f.value));
      return;
    }
    static const std::vector<std::string> kinds{
        "drift.detected", "cycle.failed",  "cycle.recovered", "conflict",
        "prune.refused",  "health.failed", "rollback.applied"};
    std::set<std::string> names;
    for (std::size_t i = 0; i < f.value.size(); ++i) {
      Field item{f.value[i], f.value[i], f.path + "[" + std::to_string(i) + "]"};
      if (!expectMap(item, "name, on, environments, sns, webhook")) continue;
      auto keys = keysOf(item.value, item.path, {"name", "on", "environments", "sns", "webhook"});
      NotificationConfig n;
      if (auto it = keys.find("name"); it != keys.end()) {
        if (auto v = string(it->second)) {
          n.name = *v;
          if (!names.insert(*v).second)
            error(it->second.value, it->second.path, "duplicate notification name " + quote(*v));
        }
      } else {
        missing(item.value, item.path + ".name", "missing required key (a name for the logs)");
      }
      if (auto it = keys.find("on"); it != keys.end()) {
        n.on = stringList(it->second);
        for (const auto& k : n.on)
          if (std::find(kinds.begin(), kinds.end(), k) == kinds.end())
            error(it->second.value, it->second.path,
                  "unknown event kind " + quote(k) + " (allowed: " + join(kinds) + ")");
      } else {
        missing(item.value, item.path + ".on", "missing required key (the event kinds to send)");
      }
      if (auto it = keys.find("environments"); it != keys.end()) {
        n.environments = stringList(it->second);
        for (const auto& e : n.environments)
          if (!config.environments.contains(e))
            error(it->second.value, it->second.path, "unknown environment " + quote(e));
      }
      auto sns = keys.find("sns");
      auto hook = keys.find("webhook");
      if ((sns == keys.end()) == (hook == keys.end()))
        error(item.value, item.path, "give exactly one of sns or webhook");
      if (sns != keys.end()) loadSnsTarget(sns->second, n);
      if (hook != keys.end()) loadWebhookTarget(hook->second, n);
      config.notifications.push_back(std::move(n));
    }
  }

  void loadHealth(const Field& f, EnvironmentConfig& env) {
    if (!expectMap(f, "alarms | alarmPrefix, bakeTime, onFailure")) return;
    auto keys = keysOf(f.value, f.path, {"alarms", "alarmPrefix", "bakeTime", "onFailure"});
    HealthConfig h;
    auto alarms = keys.find("alarms");
    auto prefix = keys.find("alarmPrefix");
    if ((alarms == keys.end()) == (prefix == keys.end()))
      error(f.value, f.path, "give exactly one of alarms (a list of names) or alarmPrefix");
    if (alarms != keys.end()) {
      h.alarms = stringList(alarms->second);
      if (h.alarms.empty() && alarms->second.value.IsSequence())
        error(alarms->second.value, alarms->second.path, "needs at least one alarm name");
    }
    if (prefix != keys.end()) {
      if (auto v = string(prefix->second)) h.alarmPrefix = *v;
    }
    if (auto it = keys.find("bakeTime"); it != keys.end()) {
      if (auto d = positiveDuration(it->second)) h.bakeTime = *d;
    }
    if (auto it = keys.find("onFailure"); it != keys.end()) {
      if (auto v = string(it->second)) {
        if (*v == "rollback" || *v == "notify")
          h.rollback = *v == "rollback";
        else
          error(it->second.value, it->second.path, "expected rollback or notify, got " + quote(*v));
      }
    }
    env.health = std::move(h);
  }

  std::vector<std::string> stringList(const Field& f) {
    std::vector<std::string> out;
    if (!f.value.IsSequence()) {
      error(f.value, f.path, "expected a list, got " + describeKind(f.value));
      return out;
    }
    for (std::size_t i = 0; i < f.value.size(); ++i)
      if (auto v = string(Field{f.value[i], f.value[i], f.path + "[" + std::to_string(i) + "]"}))
        out.push_back(*v);
    return out;
  }

  void loadSnsTarget(const Field& f, NotificationConfig& n) {
    if (!expectMap(f, "topicArn, region, endpointUrl")) return;
    auto keys = keysOf(f.value, f.path, {"topicArn", "region", "endpointUrl"});
    if (auto it = keys.find("topicArn"); it != keys.end()) {
      if (auto v = string(it->second)) {
        if (v->starts_with("arn:aws") && std::count(v->begin(), v->end(), ':') == 5)
          n.snsTopicArn = *v;
        else
          error(it->second.value, it->second.path,
                "expected an SNS topic ARN (arn:aws:sns:region:account:name), got " + quote(*v));
      }
    } else {
      missing(f.value, f.path + ".topicArn", "missing required key (the SNS topic ARN)");
    }
    if (auto it = keys.find("region"); it != keys.end()) {
      if (auto r = region(it->second)) n.snsRegion = *r;
    } else {
      missing(f.value, f.path + ".region", "missing required key (the topic's region)");
    }
    if (auto it = keys.find("endpointUrl"); it != keys.end()) {
      if (auto u = endpointUrl(it->second)) n.snsEndpointUrl = *u;
    }
  }

  void loadWebhookTarget(const Field& f, NotificationConfig& n) {
    if (!expectMap(f, "urlEnv, secretEnv")) return;
    auto keys = keysOf(f.value, f.path, {"urlEnv", "secretEnv"});
    if (auto it = keys.find("urlEnv"); it != keys.end()) {
      if (auto v = envVar(it->second)) n.webhookUrlEnv = *v;
    } else {
      missing(f.value, f.path + ".urlEnv",
              "missing required key (NAME of the env var holding the URL)");
    }
    if (auto it = keys.find("secretEnv"); it != keys.end()) {
      if (auto v = envVar(it->second)) n.webhookSecretEnv = *v;
    }
  }

  // Reports a missing required key unless a misspelling of it was already reported.
  void missing(const YAML::Mark& at, const std::string& path, std::string message) {
    if (!suggested_.contains(path)) error(at, path, std::move(message));
  }
  void missing(const YAML::Node& at, const std::string& path, std::string message) {
    missing(at.Mark(), path, std::move(message));
  }

  std::string file_;
  std::filesystem::path baseDir_;
  std::set<std::string> suggested_;
  // Every source name written in the file, loaded or not (environments refer to them).
  std::vector<std::string> declaredSources_;
  std::vector<Diagnostic> diagnostics_;
  // Set when sources failed to load, so environments do not pile up follow-on errors.
  bool sourcesBroken_ = false;
};

}  // namespace

std::string Diagnostic::format() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!keyPath.empty()) out += keyPath + ": ";
  out += message;
  return out;
}

LoadResult parseConfig(std::string_view text, const std::filesystem::path& fileName) {
  Loader loader(fileName);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    loader.error(e.mark, "", "YAML syntax error: " + e.msg);
    return std::unexpected(std::move(loader.diagnostics()));
  }
  ControllerConfig config = loader.load(root);
  auto& diagnostics = loader.diagnostics();
  if (diagnostics.empty()) return config;
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return std::unexpected(std::move(diagnostics));
}

LoadResult loadConfig(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(file, ec)) {
    Diagnostic d;
    d.file = file.string();
    d.message = std::filesystem::exists(file, ec) ? "cannot read the file" : "no such file";
    return std::unexpected(std::vector<Diagnostic>{d});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), file);
}

static std::string joinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += "\n";
    out += d.format();
  }
  return out;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joinDiagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ControllerConfig loadConfigOrThrow(const std::filesystem::path& file) {
  auto result = loadConfig(file);
  if (!result) throw ConfigError(std::move(result.error()));
  return std::move(*result);
}

std::expected<Duration, std::string> parseDuration(std::string_view text) {
  const std::string shown = quote(text);
  const std::string hint = " (use a number and a unit: ms, s, m, h or d, e.g. 30s or 1h30m)";
  if (text.empty()) return std::unexpected("empty duration" + hint);
  if (text.front() == '-' || text.front() == '+') {
    return std::unexpected("bad duration " + shown + ": a duration cannot have a sign");
  }
  if (text.find_first_of(" \t") != std::string_view::npos) {
    return std::unexpected("bad duration " + shown + ": no spaces allowed" + hint);
  }
  using namespace std::chrono;
  long long total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])))
      ++j;
    if (j == i) return std::unexpected("bad duration " + shown + hint);
    long long amount = 0;
    if (std::from_chars(text.data() + i, text.data() + j, amount).ec != std::errc()) {
      return std::unexpected("bad duration " + shown + ": too large");
    }
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k])))
      ++k;
    const std::string_view unit = text.substr(j, k - j);
    long long factor = 0;
    if (unit == "ms")
      factor = 1;
    else if (unit == "s")
      factor = 1000;
    else if (unit == "m")
      factor = 60'000;
    else if (unit == "h")
      factor = 3'600'000;
    else if (unit == "d")
      factor = 86'400'000;
    else if (unit.empty())
      return std::unexpected("bad duration " + shown + ": missing unit" + hint);
    else {
      return std::unexpected("bad duration " + shown + ": unknown unit " + quote(unit) + hint);
    }
    constexpr long long limit = 100LL * 365 * 86'400'000;  // a century is plenty
    if (amount > limit / factor || total + amount * factor > limit) {
      return std::unexpected("bad duration " + shown + ": too large");
    }
    total += amount * factor;
    i = k;
  }
  return Duration(total);
}

std::string formatDuration(Duration d) {
  long long ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  const std::pair<long long, const char*> units[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  for (const auto& [size, name] : units) {
    if (ms >= size) {
      out += std::to_string(ms / size) + name;
      ms %= size;
    }
  }
  return out;
}

}  // namespace driftless::config
