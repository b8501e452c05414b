#pragma once
// The part of Store common to both backends, written once over a few object
// operations (get/put/list/delete of whole objects by key), so the key layout
// and the record logic cannot differ between S3 and the local directory.
// Internal to state/.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state/store.h"

namespace driftless::state::detail {

// The key layout of SPEC §5, relative to the prefix / state directory.
struct Layout {
  static std::string state(std::string_view env) { return std::string(env) + "/state.json"; }
  static std::string status(std::string_view env) { return std::string(env) + "/status.json"; }
  static std::string lock(std::string_view env) { return std::string(env) + "/lock"; }
  static std::string suspended(std::string_view env) {
    return std::string(env) + "/suspended.json";
  }
  static std::string historyPrefix(std::string_view env) { return std::string(env) + "/history/"; }
  static std::string history(std::string_view env, std::string_view cycleId,
                             std::string_view file) {
    return historyPrefix(env) + std::string(cycleId) + "/" + std::string(file);
  }
  static std::string driftPrefix(std::string_view env) { return std::string(env) + "/drift/"; }
  // One heartbeat object per running replica (not an environment: the name is reserved).
  static constexpr std::string_view kReplicas = "_replicas";
  static std::string replicasPrefix() { return std::string(kReplicas) + "/"; }
  static std::string replica(std::string_view id);
  // drift/<yyyy>/<mm>/<dd>/<cycle-id>.json, dated by the cycle id (UTC).
  static std::string drift(std::string_view env, std::string_view cycleId);
};

// Environment names become key segments: letters, digits, '.', '_', '-' only.
Result<void> checkEnvironmentName(std::string_view env);

// An object and its version: the S3 ETag, or the MD5 of a local file's content.
struct Versioned {
  std::optional<std::string> body;  // nullopt: no such object
  std::string version;
};

struct Listing {
  std::vector<std::string> keys;      // full keys, ascending
  std::vector<std::string> prefixes;  // with a delimiter: the "sub-folders", ascending
};

class ObjectStore : public Store {
 public:
  Awaitable<Result<std::optional<EnvironmentState>>> readState(std::string env) override;
  Awaitable<Result<void>> writeState(std::string env, const EnvironmentState& state) override;
  Awaitable<Result<std::optional<EnvironmentState>>> readStateKept(std::string env) override;
  void keepState(std::string env, EnvironmentState state) override;
  StateReads stateReads() const override { return reads_; }
  Awaitable<Result<void>> writeStatus(std::string env, const StatusRecord& status) override;
  Awaitable<Result<std::optional<StatusRecord>>> readStatus(std::string env) override;
  Awaitable<Result<void>> writeCycle(std::string env, const CycleRecord& record) override;
  Awaitable<Result<std::vector<CycleMetadata>>> listHistory(std::string env,
                                                            std::size_t limit) override;
  Awaitable<Result<CycleRecord>> readHistory(std::string env, std::string cycleId) override;
  Awaitable<Result<std::vector<DriftRecord>>> listDrift(std::string env,
                                                        std::optional<TimePoint> since) override;
  Awaitable<Result<RetentionResult>> applyRetention(std::string env, TimePoint now,
                                                    std::chrono::hours retention,
                                                    std::size_t batch) override;
  Awaitable<Result<bool>> isSuspended(std::string env) override;
  Awaitable<Result<void>> setSuspended(std::string env, bool suspended) override;
  Awaitable<Result<void>> writeHeartbeat(ReplicaHeartbeat heartbeat) override;
  Awaitable<Result<std::vector<ReplicaHeartbeat>>> listHeartbeats() override;
  Awaitable<Result<void>> removeHeartbeat(std::string replica) override;

 protected:
  explicit ObjectStore(StoreOptions options);
  TimePoint now() const { return clock_(); }

  // The object operations a backend provides. Keys are relative (no prefix).
  // get: nullopt when absent. put: whole object, atomically. list: keys below
  // `prefix` (which ends in '/') greater than `startAfter`; with `delimited`,
  // keys in deeper folders come back as prefixes instead.
  virtual Awaitable<Result<std::optional<std::string>>> getObject(const std::string& key) = 0;
  virtual Awaitable<Result<void>> putObject(const std::string& key, const std::string& body) = 0;
  virtual Awaitable<Result<Listing>> listObjects(const std::string& prefix,
                                                 const std::string& startAfter, bool delimited) = 0;
  virtual Awaitable<Result<void>> deleteObject(const std::string& key) = 0;
  // "s3://bucket/prefix/<key>" or the file path: for error messages.
  virtual std::string where(const std::string& key) const = 0;

  // Fencing (state-format.md): the version-aware object operations.
  virtual Awaitable<Result<Versioned>> getVersioned(const std::string& key) = 0;
  // The object, unless it is still at `version` (nullopt then: nothing was
  // transferred). S3: GET with If-None-Match (304); local: the content's MD5.
  virtual Awaitable<Result<std::optional<Versioned>>> getIfChanged(const std::string& key,
                                                                   const std::string& version) = 0;
  // Writes `body` only if the object's version is still `expected` ("" = it
  // must not exist); Conflict otherwise. Returns the new version.
  virtual Awaitable<Result<std::string>> putIfVersion(const std::string& key,
                                                      const std::string& body,
                                                      const std::string& expected) = 0;
  // A record that is worthless later (a heartbeat): never spooled.
  virtual Awaitable<Result<void>> putEphemeral(const std::string& key, const std::string& body) {
    co_return co_await putObject(key, body);
  }
  // The backend could not be reached (S3: no answer, 5xx, throttled).
  virtual bool isUnreachable(const Error&) const { return false; }
  // This controller's own last copy of <env>/state.json, for an outage.
  virtual void keepLocalCopy(const std::string&, const std::string&) {}
  virtual std::optional<std::string> localCopy(const std::string&) { return std::nullopt; }

  // Takes over state.json for a lease just acquired: rewrites it (when it
  // exists) conditionally, naming `leaseId`, so a write of the previous holder
  // — which still expects the old version — fails from now on. Every later
  // writeState of `env` is conditional on the version this store wrote last.
  Awaitable<Result<void>> fence(std::string env, std::string leaseId);
  // The lease of `env` was released or lost: the kept state is dropped.
  void forgetKept(const std::string& env) { kept_.erase(env); }

 private:
  struct Fence {
    std::string leaseId;
    std::string version;  // of state.json as this store last wrote it ("" = absent)
  };
  Awaitable<Result<std::optional<EnvironmentState>>> readStateOffline(const std::string& env,
                                                                      Error error);

  // What readStateKept and keepState know of an environment's state.json.
  struct Kept {
    std::string version;  // of state.json as last read or written by the cycle
    std::string lease;    // the lease named by that write ("" after a read)
    bool written = false;
    bool lent = false;                      // the cycle holds it: keepState takes it back
    std::optional<EnvironmentState> state;  // kept between cycles
  };
  Awaitable<Result<std::optional<Versioned>>> readVersioned(const std::string& env);

  std::function<TimePoint()> clock_;
  std::map<std::string, Fence> fences_;
  std::map<std::string, Kept> kept_;
  StateReads reads_;
};

}  // namespace driftless::state::detail
