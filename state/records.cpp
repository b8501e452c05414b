#include "state/records.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <type_traits>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "providers/value_json.h"
#include "state/crypto.h"

namespace driftless::state {
namespace {

// Reads typed members out of a JSON object, remembering the first shape
// problem so a reader reports one clear line ("where: member: expected ...").
class Fields {
 public:
  Fields(const Value& obj, std::string where) : obj_(obj), where_(std::move(where)) {}

  std::string str(std::string_view key) {
    const Value* v = obj_.find(key);
    if (!v || v->isNull()) return {};
    if (!v->isString()) {
      bad(key, "a string", *v);
      return {};
    }
    return v->asString();
  }
  std::int64_t integer(std::string_view key) {
    const Value* v = obj_.find(key);
    if (!v || v->isNull()) return 0;
    if (v->isInt()) return v->asInt();
    if (v->isDouble()) return static_cast<std::int64_t>(v->asDouble());
    bad(key, "a number", *v);
    return 0;
  }
  bool boolean(std::string_view key) {
    const Value* v = obj_.find(key);
    if (!v || v->isNull()) return false;
    if (!v->isBool()) {
      bad(key, "true or false", *v);
      return false;
    }
    return v->asBool();
  }
  // An object member (an empty object when absent).
  Value object(std::string_view key) {
    const Value* v = obj_.find(key);
    if (!v || v->isNull()) return Value::object();
    if (!v->isObject()) {
      bad(key, "an object", *v);
      return Value::object();
    }
    return *v;
  }
  const Value::Array* array(std::string_view key) {
    const Value* v = obj_.find(key);
    if (!v || v->isNull()) return nullptr;
    if (!v->isArray()) {
      bad(key, "an array", *v);
      return nullptr;
    }
    return &v->asArray();
  }
  std::optional<Value> optional(std::string_view key) {
    const Value* v = obj_.find(key);
    if (!v) return std::nullopt;
    return *v;
  }

  void bad(std::string_view key, std::string_view expected, const Value& got) {
    if (!problem_.empty()) return;
    problem_ = where_ + ": member \"" + std::string(key) + "\" must be " + std::string(expected) +
               ", not " + std::string(toString(got.type()));
  }
  const std::string& problem() const { return problem_; }

 private:
  const Value& obj_;
  std::string where_;
  std::string problem_;
};

Result<Value> parseObject(std::string_view text, std::string_view where, std::string_view code,
                          ErrorKind kind) {
  auto doc = Value::fromJson(text);
  if (!doc) {
    Error e = Error::make(kind, std::string(where) + ": " + doc.error().message);
    e.code = std::string(code);
    return fail(std::move(e));
  }
  if (!doc->isObject()) {
    Error e = Error::make(kind, std::string(where) + ": expected a JSON object, found " +
                                    std::string(toString(doc->type())));
    e.code = std::string(code);
    return fail(std::move(e));
  }
  return std::move(*doc);
}

std::unexpected<Error> shapeError(const std::string& problem, std::string_view code = {}) {
  Error e = Error::make(ErrorKind::Invalid, problem);
  e.code = std::string(code);
  return std::unexpected(std::move(e));
}

Value countsToValue(const CycleCounts& c) {
  Value v = Value::object();
  v["created"] = c.created;
  v["updated"] = c.updated;
  v["replaced"] = c.replaced;
  v["deleted"] = c.deleted;
  v["failed"] = c.failed;
  v["drifted"] = c.drifted;
  v["unchanged"] = c.unchanged;
  return v;
}

CycleCounts countsFromValue(const Value& v, Fields& outer) {
  Fields f(v, "counts");
  CycleCounts c;
  c.created = static_cast<int>(f.integer("created"));
  c.updated = static_cast<int>(f.integer("updated"));
  c.replaced = static_cast<int>(f.integer("replaced"));
  c.deleted = static_cast<int>(f.integer("deleted"));
  c.failed = static_cast<int>(f.integer("failed"));
  c.drifted = static_cast<int>(f.integer("drifted"));
  c.unchanged = static_cast<int>(f.integer("unchanged"));
  if (!f.problem().empty()) outer.bad("counts", "an object of numbers", v);
  return c;
}

int digits(std::string_view s, std::size_t pos, std::size_t n, bool* ok) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') {
      *ok = false;
      return 0;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

Result<TimePoint> fromParts(int y, int mo, int d, int h, int mi, int s, std::string_view text) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return fail(ErrorKind::Invalid, "\"" + std::string(text) + "\" is not a valid date/time");
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return Clock::from_time_t(timegm(&tm));
}

}  // namespace

// --- time and cycle ids -----------------------------------------------------

std::string formatTimestamp(TimePoint t) {
  std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<TimePoint> parseTimestamp(std::string_view text) {
  bool ok = true;
  int y = digits(text, 0, 4, &ok), mo = digits(text, 5, 2, &ok), d = digits(text, 8, 2, &ok);
  if (!ok || text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return fail(ErrorKind::Invalid,
                "\"" + std::string(text) + "\" is not a date (YYYY-MM-DD) or RFC 3339 UTC time");
  }
  if (text.size() == 10) return fromParts(y, mo, d, 0, 0, 0, text);
  int h = digits(text, 11, 2, &ok), mi = digits(text, 14, 2, &ok), s = digits(text, 17, 2, &ok);
  bool shape = text.size() >= 20 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ') &&
               text[13] == ':' && text[16] == ':';
  std::size_t pos = 19;
  if (shape && pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
      ++pos;
  }
  if (!ok || !shape || pos + 1 != text.size() || (text[pos] != 'Z' && text[pos] != 'z')) {
    return fail(ErrorKind::Invalid,
                "\"" + std::string(text) + "\" is not an RFC 3339 UTC time (2026-11-22T10:15:00Z)");
  }
  return fromParts(y, mo, d, h, mi, s, text);
}

std::string makeCycleId(TimePoint start, std::string_view commit, int n) {
  std::time_t tt = Clock::to_time_t(start);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  std::string shortCommit(commit.substr(0, 7));
  if (shortCommit.empty()) shortCommit = "none";
  return std::string(buf) + "-" + shortCommit + "-" + std::to_string(n);
}

Result<TimePoint> cycleIdTime(std::string_view id) {
  bool ok = id.size() >= 16 && id[8] == 'T' && id[15] == 'Z';
  int y = digits(id, 0, 4, &ok), mo = digits(id, 4, 2, &ok), d = digits(id, 6, 2, &ok);
  int h = digits(id, 9, 2, &ok), mi = digits(id, 11, 2, &ok), s = digits(id, 13, 2, &ok);
  if (!ok) {
    return fail(ErrorKind::Invalid,
                "\"" + std::string(id) + "\" is not a cycle id (20261122T101500Z-<commit>-<n>)");
  }
  return fromParts(y, mo, d, h, mi, s, id);
}

bool isCycleId(std::string_view s) {
  if (!cycleIdTime(s)) return false;
  if (s.size() < 20 || s[16] != '-') return false;
  auto dash = s.rfind('-');
  if (dash <= 16 || dash + 1 >= s.size()) return false;
  for (std::size_t i = dash + 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  for (char c : s)
    if (c == '/' || c == ' ') return false;
  return true;
}

Result<void> checkVersion(const Value& doc, int supported, std::string_view where) {
  const Value* v = doc.find("version");
  if (!v) return {};  // records of the first drafts had none: read as version 1
  std::int64_t major = 0;
  if (v->isInt()) {
    major = v->asInt();
  } else if (v->isString()) {
    // Tolerate "2.1" written by hand or a future writer: the major is before the dot.
    major = std::atoll(v->asString().c_str());
  } else {
    return shapeError(std::string(where) + ": \"version\" must be a number");
  }
  if (major > supported) {
    return shapeError(std::string(where) + ": format version " + std::to_string(major) +
                          " is newer than this driftless reads (" + std::to_string(supported) +
                          "); upgrade driftless",
                      kNewerVersionCode);
  }
  return {};
}

// --- state.json ---------------------------------------------------------------

namespace {

Value outputsToValue(const std::map<std::string, AppliedOutput>& outputs) {
  Value out = Value::object();
  for (const auto& [name, o] : outputs) {
    Value v = Value::object();
    v["value"] = o.value;
    if (!o.exportName.empty()) v["export"] = o.exportName;
    if (!o.description.empty()) v["description"] = o.description;
    if (o.secret) v["secret"] = true;
    out[name] = std::move(v);
  }
  return out;
}

bool outputsFromValue(const Value& in, std::map<std::string, AppliedOutput>& out) {
  for (const auto& [name, v] : in.asObject()) {
    if (!v.isObject() || !v.find("value")) return false;
    AppliedOutput o;
    o.value = *v.find("value");
    const Value* ex = v.find("export");
    const Value* d = v.find("description");
    const Value* secret = v.find("secret");
    if ((ex && !ex->isString()) || (d && !d->isString()) || (secret && !secret->isBool()))
      return false;
    if (ex) o.exportName = ex->asString();
    if (d) o.description = d->asString();
    o.secret = secret && secret->asBool();
    out.emplace(name, std::move(o));
  }
  return true;
}

Value resourceToValue(const AppliedResource& r) {
  Value rv = Value::object();
  rv["type"] = r.type;
  rv["physicalId"] = r.physicalId;
  rv["properties"] = r.properties;
  rv["attributes"] = r.attributes;
  Value deps = Value::array();
  for (const auto& d : r.dependencies)
    deps.push(d);
  rv["dependencies"] = std::move(deps);
  rv["commit"] = r.commit;
  rv["deletionPolicy"] = r.deletionPolicy;
  // Written only when not the default, so older states read back unchanged.
  if (r.updateReplacePolicy != "Delete") rv["updateReplacePolicy"] = r.updateReplacePolicy;
  if (r.adopt) rv["adopt"] = true;
  if (r.allowReplace) rv["allowReplace"] = true;
  return rv;
}

Value intentsToValue(const std::vector<CreateIntent>& intents) {
  Value out = Value::array();
  for (const auto& i : intents) {
    Value iv = Value::object();
    iv["id"] = i.id;
    iv["type"] = i.type;
    iv["physicalId"] = i.physicalId;
    iv["cycle"] = i.cycle;
    out.push(std::move(iv));
  }
  return out;
}

// state.json through a SAX writer, member by member in the order a Value
// object keeps them (sorted), so the text is the one `stateToValue(st)` would
// give; but a resource is copied into a Value only while it is written, not
// the whole state at once (at 10,000 resources that copy was 27 MiB on top of
// the daemon's peak, at the end of its first cycle).
template <typename Writer>
void writeState(const EnvironmentState& st, std::string_view lease, std::string_view checksum,
                Writer& w) {
  auto key = [&w](std::string_view k) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  };
  auto member = [&](std::string_view k, std::string_view v) {
    key(k);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  };
  auto value = [&](std::string_view k, const Value& v) {
    key(k);
    writeJson(v, w);
  };
  w.StartObject();
  member("account", st.account);
  if (!checksum.empty()) member("checksum", checksum);
  member("commit", st.commit);
  member("environment", st.environment);
  if (!st.intents.empty()) value("intents", intentsToValue(st.intents));
  if (!lease.empty()) member("lease", lease);
  member("region", st.region);
  key("stacks");
  w.StartObject();
  for (const auto& [name, stack] : st.stacks) {
    key(name);
    w.StartObject();
    if (!stack.outputs.empty()) value("outputs", outputsToValue(stack.outputs));
    key("resources");
    w.StartObject();
    for (const auto& [logicalId, r] : stack.resources)
      value(logicalId, resourceToValue(r));
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
  member("timestamp", st.timestamp);
  key("version");
  w.Int64(st.version);
  w.EndObject();
}

// A RapidJSON output stream that hashes what is written instead of keeping it.
class Sha256Stream {
 public:
  using Ch = char;
  void Put(char c) {
    buf_[n_++] = c;
    if (n_ == buf_.size()) Flush();
  }
  void Flush() {
    sha_.update(std::string_view(buf_.data(), n_));
    n_ = 0;
  }
  std::string hex() {
    Flush();
    return sha_.hex();
  }

 private:
  detail::Hasher sha_ = detail::Hasher::sha256();
  std::array<char, 65536> buf_{};
  std::size_t n_ = 0;
};

// RapidJSON output streams: one that counts what would be written, one that
// appends it to a string.
struct SizeStream {
  using Ch = char;
  std::size_t n = 0;
  void Put(char) { ++n; }
  void Flush() {}
};

struct AppendStream {
  using Ch = char;
  std::string s;
  void Put(char c) { s.push_back(c); }
  void Flush() {}
};

// sha256Hex of v.toJson(), without the text (7 MiB at 10,000 resources).
std::string compactSha256(const Value& v) {
  Sha256Stream hashed;
  rapidjson::Writer<Sha256Stream> compact(hashed);
  writeJson(v, compact);
  return hashed.hex();
}

}  // namespace

Value stateToValue(const EnvironmentState& st) {
  Value doc = Value::object();
  doc["version"] = st.version;
  doc["environment"] = st.environment;
  doc["region"] = st.region;
  doc["account"] = st.account;
  doc["timestamp"] = st.timestamp;
  doc["commit"] = st.commit;
  Value& stacks = doc["stacks"];
  stacks = Value::object();
  for (const auto& [name, stack] : st.stacks) {
    Value& resources = stacks[name]["resources"];
    resources = Value::object();
    for (const auto& [logicalId, r] : stack.resources)
      resources[logicalId] = resourceToValue(r);
    if (!stack.outputs.empty()) stacks[name]["outputs"] = outputsToValue(stack.outputs);
  }
  if (!st.intents.empty()) doc["intents"] = intentsToValue(st.intents);
  if (!st.lease.empty()) doc["lease"] = st.lease;
  return doc;
}

std::string stateToJson(const EnvironmentState& st) {
  return stateToJson(st, st.lease);
}

std::string stateToJson(const EnvironmentState& st, std::string_view lease) {
  // The checksum is over the compact text without it (what the reader checks).
  Sha256Stream hashed;
  rapidjson::Writer<Sha256Stream> compact(hashed);
  writeState(st, lease, "", compact);
  std::string checksum = "sha256:" + hashed.hex();
  // Measured, then written into a string of exactly its size: a growing buffer
  // and its copy held 12 MiB more than the text, at the daemon's peak.
  auto pretty = [&](auto& out) {
    rapidjson::PrettyWriter<std::remove_reference_t<decltype(out)>> w(out);
    w.SetIndent(' ', 2);
    writeState(st, lease, checksum, w);
  };
  SizeStream size;
  pretty(size);
  AppendStream text;
  text.s.reserve(size.n + 1);
  pretty(text);
  text.s += '\n';
  return std::move(text.s);
}

// An object member of a document parsed for this reader alone, moved out rather
// than copied (state.json's resources are most of its 9 MiB at 10,000 resources:
// copying the stacks, then each stack's resources, then each resource's
// properties cost three copies of it). Absent, null or not an object: as
// Fields::object (which reports the wrong type).
Value takeObject(Value& obj, Fields& fields, std::string_view key) {
  Value* v = obj.find(key);
  if (v && v->isObject()) return std::move(*v);
  return fields.object(key);
}

Result<EnvironmentState> stateFromJson(std::string_view text, std::string_view where) {
  auto corrupt = [&](const std::string& why) {
    Error e = Error::make(ErrorKind::Invalid,
                          std::string(where) + " is corrupt (" + why +
                              "); run `driftless state rebuild` before pruning resumes");
    e.code = std::string(kCorruptStateCode);
    return std::unexpected(std::move(e));
  };
  auto parsed = Value::fromJson(text);
  if (!parsed) return corrupt(parsed.error().message);
  if (!parsed->isObject()) return corrupt("not a JSON object");
  Value doc = std::move(*parsed);
  if (auto v = checkVersion(doc, kStateVersion, where); !v) return std::unexpected(v.error());

  const Value* sum = doc.find("checksum");
  if (!sum || !sum->isString()) return corrupt("no checksum");
  std::string stored = sum->asString();
  doc.erase("checksum");
  std::string actual = "sha256:" + compactSha256(doc);
  if (stored != actual) return corrupt("checksum mismatch");

  Fields f(doc, std::string(where));
  EnvironmentState st;
  // The major version only ("1.3" reads as 1); checkVersion refused newer ones.
  const Value* version = doc.find("version");
  st.version = version && version->isInt()      ? static_cast<int>(version->asInt())
               : version && version->isString() ? std::atoi(version->asString().c_str())
                                                : kStateVersion;
  if (st.version <= 0) st.version = kStateVersion;
  st.environment = f.str("environment");
  st.region = f.str("region");
  st.account = f.str("account");
  st.timestamp = f.str("timestamp");
  st.commit = f.str("commit");
  if (const Value* lease = doc.find("lease"); lease && lease->isString())
    st.lease = lease->asString();
  Value stacks = takeObject(doc, f, "stacks");
  for (auto& [stackName, stackValue] : stacks.asObject()) {
    if (!stackValue.isObject()) {
      f.bad(stackName, "an object", stackValue);
      break;
    }
    Fields sf(stackValue, std::string(where) + ": stack " + stackName);
    Value resources = takeObject(stackValue, sf, "resources");
    StackState& stack = st.stacks[stackName];
    for (auto& [logicalId, rv] : resources.asObject()) {
      if (!rv.isObject()) {
        sf.bad(logicalId, "an object", rv);
        break;
      }
      Fields rf(rv, std::string(where) + ": " + stackName + "/" + logicalId);
      AppliedResource r;
      r.type = rf.str("type");
      r.physicalId = rf.str("physicalId");
      r.properties = takeObject(rv, rf, "properties");
      r.attributes = takeObject(rv, rf, "attributes");
      if (const auto* deps = rf.array("dependencies")) {
        for (const auto& d : *deps) {
          if (!d.isString()) {
            rf.bad("dependencies", "an array of strings", d);
            break;
          }
          r.dependencies.push_back(d.asString());
        }
      }
      r.commit = rf.str("commit");
      r.deletionPolicy = rf.str("deletionPolicy");
      if (r.deletionPolicy.empty()) r.deletionPolicy = "Delete";
      if (const Value* urp = rv.find("updateReplacePolicy"); urp && urp->isString())
        r.updateReplacePolicy = urp->asString();
      if (const Value* ad = rv.find("adopt"); ad && ad->isBool()) r.adopt = ad->asBool();
      if (const Value* ar = rv.find("allowReplace"); ar && ar->isBool())
        r.allowReplace = ar->asBool();
      if (!rf.problem().empty()) return corrupt(rf.problem());
      stack.resources.emplace(logicalId, std::move(r));
    }
    if (const Value* outputs = stackValue.find("outputs")) {
      if (!outputs->isObject() || !outputsFromValue(*outputs, stack.outputs))
        return corrupt("stack " + stackName + ": outputs must be an object of outputs");
    }
    if (!sf.problem().empty()) return corrupt(sf.problem());
  }
  if (const Value* intents = doc.find("intents"); intents && intents->isArray()) {
    for (const auto& iv : intents->asArray()) {
      if (!iv.isObject()) return corrupt("intents: an entry is not an object");
      Fields inf(iv, std::string(where) + ": intents");
      CreateIntent i{inf.str("id"), inf.str("type"), inf.str("physicalId"), inf.str("cycle")};
      if (!inf.problem().empty()) return corrupt(inf.problem());
      st.intents.push_back(std::move(i));
    }
  }
  if (!f.problem().empty()) return corrupt(f.problem());
  return st;
}

namespace {

// A double as the JSON writer prints it and the reader reads it back (a
// non-finite one is written as null); false when that prints differently, so
// that the checksum of a file holding it would not verify (none since Value
// reads numbers exactly; kept as the check of what a kept copy may hold).
bool normaliseDoubles(Value& v) {
  bool same = true;
  if (v.isDouble()) {
    std::string text = v.toJson();
    auto reread = Value::fromJson(text);
    v = reread ? std::move(*reread) : Value();
    same = v.toJson() == text;
  } else if (v.isArray()) {
    for (auto& e : v.asArray())
      same = normaliseDoubles(e) && same;
  } else if (v.isObject()) {
    for (auto& [k, e] : v.asObject())
      same = normaliseDoubles(e) && same;
  }
  return same;
}

}  // namespace

bool normaliseAsRead(EnvironmentState& st) {
  if (st.version <= 0) st.version = kStateVersion;
  st.localCopy = st.kept = false;
  bool readable = true;
  for (auto& [name, stack] : st.stacks) {
    for (auto& [logicalId, r] : stack.resources) {
      if (r.deletionPolicy.empty()) r.deletionPolicy = "Delete";
      readable = normaliseDoubles(r.properties) && readable;
      readable = normaliseDoubles(r.attributes) && readable;
    }
    for (auto& [n, o] : stack.outputs)
      readable = normaliseDoubles(o.value) && readable;
  }
  return readable;
}

// --- metadata.json --------------------------------------------------------------

Value metadataToValue(const CycleMetadata& m) {
  Value v = Value::object();
  v["version"] = m.version;
  v["cycleId"] = m.cycleId;
  v["environment"] = m.environment;
  v["controllerId"] = m.controllerId;
  if (!m.instance.empty()) v["instance"] = m.instance;
  if (m.leasedMs) v["leasedMs"] = m.leasedMs;
  if (m.endMs) v["endMs"] = m.endMs;
  v["commit"] = m.commit;
  v["trigger"] = m.trigger;
  v["start"] = m.start;
  v["end"] = m.end;
  v["durationMs"] = m.durationMs;
  v["result"] = m.result;
  if (!m.error.empty()) v["error"] = m.error;
  v["dryRun"] = m.dryRun;
  v["counts"] = countsToValue(m.counts);
  return v;
}

Result<CycleMetadata> metadataFromJson(std::string_view text, std::string_view where) {
  auto doc = parseObject(text, where, {}, ErrorKind::Invalid);
  if (!doc) return std::unexpected(doc.error());
  if (auto v = checkVersion(*doc, kMetadataVersion, where); !v) return std::unexpected(v.error());
  Fields f(*doc, std::string(where));
  CycleMetadata m;
  m.cycleId = f.str("cycleId");
  m.environment = f.str("environment");
  m.controllerId = f.str("controllerId");
  m.instance = f.str("instance");
  m.leasedMs = f.integer("leasedMs");
  m.endMs = f.integer("endMs");
  m.commit = f.str("commit");
  m.trigger = f.str("trigger");
  m.start = f.str("start");
  m.end = f.str("end");
  m.durationMs = f.integer("durationMs");
  m.result = f.str("result");
  m.error = f.str("error");
  m.dryRun = f.boolean("dryRun");
  m.counts = countsFromValue(f.object("counts"), f);
  if (!f.problem().empty()) return shapeError(f.problem());
  return m;
}

// --- drift ------------------------------------------------------------------------

Value driftToValue(const DriftRecord& r) {
  Value v = Value::object();
  v["version"] = r.version;
  v["cycleId"] = r.cycleId;
  v["environment"] = r.environment;
  v["commit"] = r.commit;
  v["timestamp"] = r.timestamp;
  Value events = Value::array();
  for (const auto& e : r.events) {
    Value ev = Value::object();
    ev["resource"] = e.resource;
    ev["type"] = e.type;
    ev["physicalId"] = e.physicalId;
    ev["kind"] = e.kind;
    ev["path"] = e.path;
    if (e.expected) ev["expected"] = *e.expected;
    if (e.live) ev["live"] = *e.live;
    ev["secret"] = e.secret;
    ev["corrected"] = e.corrected;
    if (e.cause) ev["cause"] = *e.cause;
    events.push(std::move(ev));
  }
  v["events"] = std::move(events);
  return v;
}

Result<DriftRecord> driftFromJson(std::string_view text, std::string_view where) {
  auto doc = parseObject(text, where, {}, ErrorKind::Invalid);
  if (!doc) return std::unexpected(doc.error());
  if (auto v = checkVersion(*doc, kDriftVersion, where); !v) return std::unexpected(v.error());
  Fields f(*doc, std::string(where));
  DriftRecord r;
  r.cycleId = f.str("cycleId");
  r.environment = f.str("environment");
  r.commit = f.str("commit");
  r.timestamp = f.str("timestamp");
  if (const auto* events = f.array("events")) {
    for (const auto& ev : *events) {
      if (!ev.isObject()) {
        f.bad("events", "an array of objects", ev);
        break;
      }
      Fields ef(ev, std::string(where) + ": event");
      DriftEvent e;
      e.resource = ef.str("resource");
      e.type = ef.str("type");
      e.physicalId = ef.str("physicalId");
      e.kind = ef.str("kind");
      if (e.kind.empty()) e.kind = "modified";
      e.path = ef.str("path");
      e.expected = ef.optional("expected");
      e.live = ef.optional("live");
      e.secret = ef.boolean("secret");
      e.corrected = ef.boolean("corrected");
      if (const Value* c = ev.find("cause"); c && c->isObject()) e.cause = *c;
      if (!ef.problem().empty()) return shapeError(ef.problem());
      r.events.push_back(std::move(e));
    }
  }
  if (!f.problem().empty()) return shapeError(f.problem());
  return r;
}

// --- status.json -------------------------------------------------------------------

Value statusToValue(const StatusRecord& s) {
  Value v = s.extra.isObject() ? s.extra : Value::object();
  v["version"] = s.version;
  v["environment"] = s.environment;
  v["controllerId"] = s.controllerId;
  v["branch"] = s.branch;
  v["lastCommit"] = s.lastCommit;
  v["lastAppliedCommit"] = s.lastAppliedCommit;
  v["lastCycleId"] = s.lastCycleId;
  v["lastResult"] = s.lastResult;
  v["lastCycleStart"] = s.lastCycleStart;
  v["lastCycleEnd"] = s.lastCycleEnd;
  v["lastSuccess"] = s.lastSuccess;
  v["nextRun"] = s.nextRun;
  v["error"] = s.error;
  v["driftCount"] = s.driftCount;
  v["managedResources"] = s.managedResources;
  v["suspended"] = s.suspended;
  v["stateCorrupt"] = s.stateCorrupt;
  v["spoolDepth"] = static_cast<std::int64_t>(s.spoolDepth);
  if (s.activeDrift.isObject() && !s.activeDrift.asObject().empty())
    v["activeDrift"] = s.activeDrift;
  return v;
}

Result<StatusRecord> statusFromJson(std::string_view text, std::string_view where) {
  auto doc = parseObject(text, where, {}, ErrorKind::Invalid);
  if (!doc) return std::unexpected(doc.error());
  if (auto v = checkVersion(*doc, kStatusVersion, where); !v) return std::unexpected(v.error());
  Fields f(*doc, std::string(where));
  StatusRecord s;
  s.environment = f.str("environment");
  s.controllerId = f.str("controllerId");
  s.branch = f.str("branch");
  s.lastCommit = f.str("lastCommit");
  s.lastAppliedCommit = f.str("lastAppliedCommit");
  s.lastCycleId = f.str("lastCycleId");
  s.lastResult = f.str("lastResult");
  s.lastCycleStart = f.str("lastCycleStart");
  s.lastCycleEnd = f.str("lastCycleEnd");
  s.lastSuccess = f.str("lastSuccess");
  s.nextRun = f.str("nextRun");
  s.error = f.str("error");
  s.driftCount = static_cast<int>(f.integer("driftCount"));
  s.managedResources = static_cast<int>(f.integer("managedResources"));
  s.suspended = f.boolean("suspended");
  s.stateCorrupt = f.boolean("stateCorrupt");
  s.spoolDepth = static_cast<std::size_t>(f.integer("spoolDepth"));
  s.activeDrift = f.object("activeDrift");
  if (!f.problem().empty()) return shapeError(f.problem());
  Value extra = *doc;
  for (const char* known :
       {"version", "environment", "controllerId", "branch", "lastCommit", "lastAppliedCommit",
        "lastCycleId", "lastResult", "lastCycleStart", "lastCycleEnd", "lastSuccess", "nextRun",
        "error", "driftCount", "managedResources", "suspended", "stateCorrupt", "spoolDepth",
        "activeDrift"}) {
    extra.erase(known);
  }
  s.extra = std::move(extra);
  return s;
}

}  // namespace driftless::state
