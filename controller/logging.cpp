#include "controller/logging.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "providers/redact.h"
#include "providers/value.h"

namespace driftless::logging {
namespace {

// The fields of the event being logged on this thread. spdlog 1.10 has no
// structured fields, and our loggers are synchronous: the sink formats on the
// calling thread while event() is on the stack, so the formatter can read them.
struct PendingEvent {
  std::string_view name;
  const std::vector<Field>* fields;
};
thread_local const PendingEvent* pending = nullptr;

std::string timestamp(spdlog::log_clock::time_point tp) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(tp.time_since_epoch()).count() % 1000;
  const std::time_t t = spdlog::log_clock::to_time_t(tp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string levelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

std::string fieldText(const Field& f) {
  if (f.secret) return std::string(redact::kMask);
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>)
          return redact::redactText(v);
        else if constexpr (std::is_same_v<T, bool>)
          return v ? "true" : "false";
        else
          return Value(v).toJson();
      },
      f.value);
}

std::string fieldJson(const Field& f) {
  if (f.secret) return Value(redact::kMask).toJson();
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>)
          return Value(redact::redactText(v)).toJson();
        else
          return Value(v).toJson();
      },
      f.value);
}

// Quotes a text value when it would not read back as one token.
std::string textToken(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t\"=\n") == std::string::npos) return s;
  return Value(s).toJson();
}

class Formatter final : public spdlog::formatter {
 public:
  explicit Formatter(Format format) : format_(format) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string line = format_ == Format::Json ? json(msg) : text(msg);
    dest.append(line.data(), line.data() + line.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<Formatter>(format_);
  }

 private:
  static std::string text(const spdlog::details::log_msg& msg) {
    std::string level = levelName(msg.level);
    for (auto& c : level)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    level.resize(std::max<std::size_t>(level.size(), 5), ' ');
    std::string out = timestamp(msg.time) + " " + level + " ";
    if (pending) {
      out += pending->name;
      for (const auto& f : *pending->fields)
        out += " " + f.key + "=" + textToken(fieldText(f));
    } else {
      out += redact::redactText(std::string_view(msg.payload.data(), msg.payload.size()));
    }
    return out;
  }

  static std::string json(const spdlog::details::log_msg& msg) {
    std::string out =
        "{\"time\":\"" + timestamp(msg.time) + "\",\"level\":\"" + levelName(msg.level) + "\",";
    if (pending) {
      out += "\"event\":" + Value(pending->name).toJson();
      for (const auto& f : *pending->fields) {
        // "time", "level" and "event" belong to the line; a field cannot shadow them.
        const bool reserved = f.key == "time" || f.key == "level" || f.key == "event";
        out += "," + Value(reserved ? "field." + f.key : f.key).toJson() + ":" + fieldJson(f);
      }
    } else {
      out += "\"msg\":" +
             Value(redact::redactText(std::string_view(msg.payload.data(), msg.payload.size())))
                 .toJson();
    }
    return out + "}";
  }

  Format format_;
};

}  // namespace

std::expected<Format, std::string> parseFormat(std::string_view text) {
  if (text == "text") return Format::Text;
  if (text == "json") return Format::Json;
  return std::unexpected("unknown log format \"" + std::string(text) + "\" (use text or json)");
}

std::expected<spdlog::level::level_enum, std::string> parseLevel(std::string_view text) {
  if (text == "trace") return spdlog::level::trace;
  if (text == "debug") return spdlog::level::debug;
  if (text == "info") return spdlog::level::info;
  if (text == "warn" || text == "warning") return spdlog::level::warn;
  if (text == "error") return spdlog::level::err;
  if (text == "off") return spdlog::level::off;
  return std::unexpected("unknown log level \"" + std::string(text) +
                         "\" (use trace, debug, info, warn, error or off)");
}

std::shared_ptr<spdlog::logger> makeLogger(std::string name, spdlog::sink_ptr sink,
                                           const Options& options) {
  sink->set_formatter(std::make_unique<Formatter>(options.format));
  auto logger = std::make_shared<spdlog::logger>(std::move(name), std::move(sink));
  logger->set_level(options.level);
  // Operators read the log to see what just happened: do not buffer warnings.
  logger->flush_on(spdlog::level::warn);
  return logger;
}

void setup(const Options& options) {
  auto logger = makeLogger("driftless", std::make_shared<spdlog::sinks::stderr_sink_mt>(), options);
  spdlog::set_default_logger(std::move(logger));
}

void event(std::string_view name, const std::vector<Field>& fields, spdlog::level::level_enum level,
           spdlog::logger* logger) {
  if (!logger) logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  const PendingEvent ev{name, &fields};
  pending = &ev;
  // The payload is what a sink without our formatter would show.
  logger->log(level, "{}", name);
  pending = nullptr;
}

}  // namespace driftless::logging
