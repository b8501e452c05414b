#pragma once
// Process-wide logging (spdlog), set up once from `--log-format` / `--log-level`.
// Everything goes to stderr (stdout is for command output such as plans), as
// readable lines (`text`, the default) or one JSON object a line (`json`).
//
// Structured events (SPEC §6 reconcile events and the like) go through event():
// the same fields render as `key=value` pairs or JSON members. A field marked
// secret is masked before it is formatted, and every message and field value
// passes redact::redactText, so a URL with credentials never reaches a line.
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <spdlog/spdlog.h>

namespace driftless::logging {

enum class Format { Text, Json };

struct Options {
  Format format = Format::Text;
  spdlog::level::level_enum level = spdlog::level::info;
};

// "text" | "json".
std::expected<Format, std::string> parseFormat(std::string_view text);
// "trace" | "debug" | "info" | "warn" | "error" | "off".
std::expected<spdlog::level::level_enum, std::string> parseLevel(std::string_view text);

// Installs the default logger (spdlog::default_logger) writing to stderr.
// Calling it again replaces the previous set-up.
void setup(const Options& options);

// A logger with our formatting on any sink (tests use an ostream sink).
std::shared_ptr<spdlog::logger> makeLogger(std::string name, spdlog::sink_ptr sink,
                                           const Options& options);

struct Field {
  using Scalar = std::variant<std::string, std::int64_t, double, bool>;
  std::string key;
  Scalar value;
  bool secret = false;  // masked as "***" whatever the value

  Field(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  Field(std::string k, const char* v) : key(std::move(k)), value(std::string(v)) {}
  Field(std::string k, std::string_view v) : key(std::move(k)), value(std::string(v)) {}
  Field(std::string k, std::int64_t v) : key(std::move(k)), value(v) {}
  Field(std::string k, int v) : key(std::move(k)), value(static_cast<std::int64_t>(v)) {}
  Field(std::string k, double v) : key(std::move(k)), value(v) {}
  Field(std::string k, bool v) : key(std::move(k)), value(v) {}
};

// A field whose value must never be shown: renders as key=***.
inline Field secret(std::string key, std::string value) {
  Field f(std::move(key), std::move(value));
  f.secret = true;
  return f;
}

// Logs the event `name` (e.g. "resource.created") with `fields` (env, cycle, commit,
// id, type, physicalId, ...) in their given order, on `logger` (default: the default
// logger). Text: `<time> INFO  resource.created env=dev id=orders/Queue`; JSON:
// {"time":"...","level":"info","event":"resource.created","env":"dev",...}.
void event(std::string_view name, const std::vector<Field>& fields,
           spdlog::level::level_enum level = spdlog::level::info, spdlog::logger* logger = nullptr);

}  // namespace driftless::logging
