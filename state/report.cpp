#include "state/report.h"

#include <algorithm>
#include <charconv>

#include "state/secrets.h"

namespace driftless::state {
namespace {

constexpr std::size_t kMaxValueWidth = 40;

// Left-aligned columns separated by two spaces; the last column is not padded.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string duration(std::int64_t ms) {
  if (ms < 1000) return std::to_string(ms) + "ms";
  if (ms < 60'000) {
    std::string s = std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + "s";
    return s;
  }
  std::int64_t s = ms / 1000;
  std::string sec = std::to_string(s % 60);
  if (sec.size() < 2) sec = "0" + sec;
  if (s < 3600) return std::to_string(s / 60) + "m" + sec + "s";
  std::string min = std::to_string((s / 60) % 60);
  if (min.size() < 2) min = "0" + min;
  return std::to_string(s / 3600) + "h" + min + "m";
}

std::string shown(const std::optional<Value>& v, bool secret) {
  if (!v) return "(absent)";
  if (secret || isSecretHash(*v)) return std::string(kSecretMask);
  std::string text = v->isString() ? v->asString() : v->toJson();
  if (text.size() > kMaxValueWidth) text = text.substr(0, kMaxValueWidth - 3) + "...";
  return text;
}

Value masked(const std::optional<Value>& v, bool secret) {
  if (!v) return Value();
  if (secret || isSecretHash(*v)) return Value(kSecretMask);
  return *v;
}

}  // namespace

std::string formatHistoryText(const std::string& env, const std::vector<CycleMetadata>& cycles) {
  if (cycles.empty()) return "No cycles recorded for environment " + env + ".\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"CYCLE", "COMMIT", "TRIGGER", "RESULT", "CREATED", "UPDATED", "REPLACED",
                  "DELETED", "FAILED", "DRIFTED", "DURATION"});
  for (const auto& c : cycles) {
    rows.push_back({c.cycleId, c.commit.substr(0, 12), c.trigger.empty() ? "-" : c.trigger,
                    c.result + (c.dryRun ? " (dry run)" : ""), std::to_string(c.counts.created),
                    std::to_string(c.counts.updated), std::to_string(c.counts.replaced),
                    std::to_string(c.counts.deleted), std::to_string(c.counts.failed),
                    std::to_string(c.counts.drifted), duration(c.durationMs)});
  }
  return table(rows);
}

Value historyToValue(const std::string& env, const std::vector<CycleMetadata>& cycles) {
  Value v = Value::object();
  v["environment"] = env;
  Value list = Value::array();
  for (const auto& c : cycles)
    list.push(metadataToValue(c));
  v["cycles"] = std::move(list);
  return v;
}

// "arn:aws:iam::1:user/alice (SetQueueAttributes)", or "-" for drift found by a scan.
static std::string changedBy(const DriftEvent& e) {
  if (!e.cause || !e.cause->isObject()) return "-";
  const Value* who = e.cause->find("principal");
  const Value* what = e.cause->find("eventName");
  std::string text = who && who->isString() && !who->asString().empty() ? who->asString() : "?";
  if (what && what->isString() && !what->asString().empty()) text += " (" + what->asString() + ")";
  return text;
}

std::string formatDriftText(const std::string& env, const std::vector<DriftRecord>& records) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"TIME", "CYCLE", "RESOURCE", "TYPE", "PROPERTY", "EXPECTED", "LIVE", "CORRECTED",
                  "CHANGED BY"});
  for (const auto& r : records) {
    for (const auto& e : r.events) {
      std::string path = e.kind == "missing" ? "(resource missing)" : e.path;
      rows.push_back({r.timestamp, r.cycleId, e.resource, e.type, path, shown(e.expected, e.secret),
                      shown(e.live, e.secret), e.corrected ? "yes" : "no", changedBy(e)});
    }
  }
  if (rows.size() == 1) return "No drift recorded for environment " + env + ".\n";
  return table(rows);
}

Value driftToReportValue(const std::string& env, const std::vector<DriftRecord>& records) {
  Value v = Value::object();
  v["environment"] = env;
  Value events = Value::array();
  for (const auto& r : records) {
    for (const auto& e : r.events) {
      Value ev = Value::object();
      ev["cycleId"] = r.cycleId;
      ev["timestamp"] = r.timestamp;
      ev["commit"] = r.commit;
      ev["resource"] = e.resource;
      ev["type"] = e.type;
      ev["physicalId"] = e.physicalId;
      ev["kind"] = e.kind;
      ev["path"] = e.path;
      ev["expected"] = masked(e.expected, e.secret);
      ev["live"] = masked(e.live, e.secret);
      ev["secret"] = e.secret;
      ev["corrected"] = e.corrected;
      if (e.cause) ev["cause"] = *e.cause;
      events.push(std::move(ev));
    }
  }
  v["events"] = std::move(events);
  return v;
}

Result<TimePoint> parseSince(std::string_view text, TimePoint now) {
  // A duration back from now: <n>m, <n>h, <n>d.
  if (!text.empty() && (text.back() == 'm' || text.back() == 'h' || text.back() == 'd')) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
    if (ec == std::errc() && end == text.data() + text.size() - 1 && n >= 0) {
      std::chrono::minutes unit = text.back() == 'm'   ? std::chrono::minutes(1)
                                  : text.back() == 'h' ? std::chrono::minutes(60)
                                                       : std::chrono::minutes(24 * 60);
      return now - unit * n;
    }
  }
  auto t = parseTimestamp(text);
  if (!t) {
    return fail(ErrorKind::Invalid,
                "--since: \"" + std::string(text) +
                    "\" is not a date (2026-11-22), an RFC 3339 UTC time or a duration (24h, 7d)");
  }
  return *t;
}

}  // namespace driftless::state
