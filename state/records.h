#pragma once
// The records driftless writes per environment (SPEC §5) and their JSON.
// Every record carries an integer `version`: the MAJOR version of its schema.
// Additive changes (a new optional field) keep the number; a reader refuses a
// record whose major version is newer than it knows, with a clear error, and
// ignores fields it does not know. The schemas are written down in
// docs/state-format.md; keep the two in step.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/error.h"
#include "providers/value.h"
#include "state/state_types.h"

namespace driftless::state {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// The major versions this build writes and reads.
inline constexpr int kStateVersion = 1;
inline constexpr int kMetadataVersion = 1;
inline constexpr int kStatusVersion = 1;
inline constexpr int kDriftVersion = 1;

// Error.code of a state.json that does not parse, is truncated, or whose
// checksum does not match (Error.kind is Invalid). The controller must then
// refuse to prune until `driftless state rebuild` wrote a fresh state.
inline constexpr std::string_view kCorruptStateCode = "StateCorrupt";
// Error.code of a record written by a newer major version (Error.kind Invalid).
inline constexpr std::string_view kNewerVersionCode = "UnsupportedVersion";
inline bool isCorruptState(const Error& e) {
  return e.code == kCorruptStateCode;
}

// --- time and cycle ids ---------------------------------------------------

// RFC 3339 UTC with seconds: "2026-11-22T10:15:00Z".
std::string formatTimestamp(TimePoint t);
// Accepts "2026-11-22T10:15:00Z", "2026-11-22T10:15:00.123Z", "2026-11-22" (midnight UTC).
Result<TimePoint> parseTimestamp(std::string_view text);

// "20261122T101500Z-<first 7 chars of commit>-<n>": keys sort by time. `n`
// tells apart cycles started in the same second (a counter of the controller).
std::string makeCycleId(TimePoint start, std::string_view commit, int n);
// The start time encoded in a cycle id; error if it is not one.
Result<TimePoint> cycleIdTime(std::string_view cycleId);
bool isCycleId(std::string_view s);

// --- state.json -----------------------------------------------------------

// The CDK-shaped document plus `checksum`: "sha256:<hex>" over the compact
// JSON of the document without the checksum member (keys sorted, so the
// checksum is independent of how the file was formatted).
std::string stateToJson(const EnvironmentState& state);
// The same with "lease" set to `lease` (the fence of the writer; "" = none).
std::string stateToJson(const EnvironmentState& state, std::string_view lease);
Value stateToValue(const EnvironmentState& state);  // without checksum
// Errors: kCorruptStateCode (does not parse, truncated, checksum mismatch,
// wrong shape), kNewerVersionCode. `where` names the source in the message
// ("s3://bucket/prefix/dev/state.json").
Result<EnvironmentState> stateFromJson(std::string_view text, std::string_view where);
// Makes `state` what stateFromJson(stateToJson(state)) would give, in place and
// without the text: defaults a read fills in (version, deletionPolicy), doubles
// as the JSON reader returns them (a non-finite one is null), no localCopy or kept. The
// lease is left as it is (stateToJson(state, lease) names another: set it first).
// False when that read would find the file corrupt: a double that Value's JSON
// writer and reader do not round-trip (some 17-digit ones) fails the checksum.
bool normaliseAsRead(EnvironmentState& state);

// --- history/<cycle-id>/metadata.json --------------------------------------

struct CycleCounts {
  int created = 0;
  int updated = 0;
  int replaced = 0;
  int deleted = 0;
  int failed = 0;
  int drifted = 0;  // resources found drifted this cycle
  int unchanged = 0;
  int total() const { return created + updated + replaced + deleted + failed; }
  friend bool operator==(const CycleCounts&, const CycleCounts&) = default;
};

struct CycleMetadata {
  int version = kMetadataVersion;
  std::string cycleId;
  std::string environment;
  std::string controllerId;
  // The replica that ran it (`<controller id>@<host>:<pid>`) and, in ms since
  // the epoch, from when it held the lease to its end: the cycles of one
  // environment never overlap (0 = not recorded, older records).
  std::string instance;
  std::int64_t leasedMs = 0;
  std::int64_t endMs = 0;
  std::string commit;
  std::string trigger;  // "interval" | "resync" | "webhook" | "signal" | "apply" | "startup" | ...
  std::string start;    // RFC 3339
  std::string end;      // RFC 3339
  std::int64_t durationMs = 0;
  std::string result;  // "succeeded" | "failed" | "partial" | "planned" (plan only)
  std::string error;   // one line when result != succeeded; never a secret
  bool dryRun = false;
  CycleCounts counts;
};
Value metadataToValue(const CycleMetadata& m);
Result<CycleMetadata> metadataFromJson(std::string_view text, std::string_view where);

// --- drift/<yyyy>/<mm>/<dd>/<cycle-id>.json ---------------------------------

struct DriftEvent {
  std::string resource;  // "stack/LogicalId"
  std::string type;      // "AWS::SQS::Queue"
  std::string physicalId;
  std::string kind = "modified";  // "modified" | "missing" (managed resource gone live)
  std::string path;               // property path ("RedrivePolicy.maxReceiveCount"); "" for missing
  std::optional<Value> expected;  // last applied; nullopt = absent
  std::optional<Value> live;      // nullopt = absent live
  // The property is secret: expected/live hold keyed hashes (or nothing),
  // never clear text; readers print "(secret)".
  bool secret = false;
  bool corrected = false;  // selfHeal applied the last applied value back
  // Who changed it, when a change event named the call: {principal, eventName,
  // eventTime, sourceIPAddress, userAgent}; absent for drift found by a scan.
  std::optional<Value> cause;
};

struct DriftRecord {
  int version = kDriftVersion;
  std::string cycleId;
  std::string environment;
  std::string commit;
  std::string timestamp;  // RFC 3339: when the drift was observed
  std::vector<DriftEvent> events;
};
Value driftToValue(const DriftRecord& r);
Result<DriftRecord> driftFromJson(std::string_view text, std::string_view where);

// --- status.json ------------------------------------------------------------

// Written every cycle (no-op cycles included). `extra` holds what the
// controller adds beyond these fields (merged at the top level on write,
// unknown members collected there on read).
struct StatusRecord {
  int version = kStatusVersion;
  std::string environment;
  std::string controllerId;
  std::string branch;
  std::string lastCommit;  // last commit a cycle saw
  std::string lastAppliedCommit;
  std::string lastCycleId;     // empty when the last cycle was a no-op
  std::string lastResult;      // "succeeded" | "failed" | "partial"
  std::string lastCycleStart;  // RFC 3339
  std::string lastCycleEnd;    // RFC 3339
  std::string lastSuccess;     // RFC 3339 of the last succeeded cycle
  std::string nextRun;         // RFC 3339
  std::string error;           // one line, last failure
  int driftCount = 0;
  int managedResources = 0;
  bool suspended = false;
  bool stateCorrupt = false;
  std::size_t spoolDepth = 0;  // records waiting in dataDir/spool to be uploaded
  // Drift left alone (selfHeal: false), by "stack/LogicalId path": {firstSeen,
  // lastSeen, live}. Recorded under drift/ once, when first seen or when the live
  // value changes again; later cycles only move lastSeen here.
  Value activeDrift = Value::object();
  Value extra = Value::object();
};
Value statusToValue(const StatusRecord& s);
Result<StatusRecord> statusFromJson(std::string_view text, std::string_view where);

// --- history/<cycle-id>/ as a whole -------------------------------------------

// One cycle as written by Store::writeCycle. Everything in it is already free
// of secrets in clear (state holds keyed hashes; plan and log are rendered
// masked by reconcile/).
struct CycleRecord {
  CycleMetadata metadata;
  Value plan = Value::object();                 // plan.json
  std::optional<EnvironmentState> stateBefore;  // state-before.json (absent: first cycle)
  std::optional<EnvironmentState> stateAfter;   // state-after.json
  std::vector<Value> executionLog;              // execution-log.jsonl, one object a line
  std::vector<DriftEvent> drift;                // -> drift/<yyyy>/<mm>/<dd>/<cycle-id>.json
};

// Shared by the readers: refuses a newer major version.
Result<void> checkVersion(const Value& doc, int supported, std::string_view where);

}  // namespace driftless::state
