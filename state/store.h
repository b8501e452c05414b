#pragma once
// What driftless remembers per environment, and the lease that keeps two
// controllers from applying one environment at once (SPEC §5).
//
// Two backends share ONE key layout (relative to the S3 prefix, or to
// <dataDir>/state for the local backend):
//   <env>/state.json  <env>/status.json  <env>/lock  <env>/suspended.json
//   <env>/history/<cycle-id>/{metadata.json, plan.json, state-before.json,
//                             state-after.json, execution-log.jsonl}
//   <env>/drift/<yyyy>/<mm>/<dd>/<cycle-id>.json
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "providers/asio.h"
#include "providers/error.h"
#include "state/records.h"
#include "state/state_types.h"

namespace driftless::aws {
class Client;
}

namespace driftless::state {

// A held lease. Returned by acquire/renew; pass the latest one back.
struct Lease {
  std::string environment;
  std::string holder;  // controller id (+ instance) that holds it
  TimePoint expires;   // the holder must renew before this
  std::chrono::milliseconds renewInterval{0};
  // Backend token: the lock object's ETag (S3) or an open-file id (local).
  // A renewal with a token that is no longer current fails with Conflict.
  std::string token;
};

// Who holds an environment's lease, as read from the lock (for status and errors).
struct LeaseInfo {
  std::string holder;
  TimePoint expires;
  std::chrono::milliseconds renewInterval{0};
};

// A running replica (`driftless run`), as its heartbeat object says
// (_replicas/<id>.json): written every lease period / 3, live until `expires`.
struct ReplicaHeartbeat {
  std::string replica;  // the holder id (controller id @ host : pid)
  TimePoint expires;
  int holds = 0;         // leases it holds
  int environments = 0;  // environments it is configured with
};

struct RetentionResult {
  std::size_t deleted = 0;  // objects deleted by this call
  bool more = false;        // older records remain: call again (next cycle)
};

// The contract every backend keeps (after Crossplane's ExternalClient docs):
// - Every call is safe to repeat; a record write either lands whole or not at
//   all (local: temp file + fsync + rename; S3: one PUT with Content-MD5).
// - Errors are Result errors, never exceptions, and name the key they concern.
//   Secrets never appear in them (records hold only keyed hashes anyway).
// - Calls for one environment are made by one coroutine at a time (the
//   environment's cycle); calls for different environments may interleave.
// - Nothing here writes AWS resources; the Store only records what happened.
//   The caller writes state only after the AWS call it describes succeeded.
// - Key listing stays under <prefix><env>/ (ListObjectsV2 pagination); no call
//   scans the whole bucket.
// - Names and leases are taken by value, so a call may be co_spawned and its
//   arguments die before it runs. The records (EnvironmentState, StatusRecord,
//   CycleRecord) are taken by reference: keep them alive until the returned
//   awaitable completes (a direct `co_await store.writeCycle(env, rec)` does).
class Store {
 public:
  virtual ~Store() = default;

  // "s3://bucket/prefix" or "file:///data/state": for logs and errors.
  virtual std::string describe() const = 0;

  // The last written state.json. nullopt when the environment has none yet
  // (first cycle). A state that does not parse, is truncated or fails its
  // checksum is an Error with code kCorruptStateCode (see isCorruptState): the
  // caller must then not prune, and tell the operator to run `state rebuild`.
  // A newer major version is kNewerVersionCode. If a newer state.json waits in
  // the spool (S3 unreachable when it was written), that one is returned.
  // If S3 cannot be reached and this Store holds the environment's fence, it
  // returns its own last copy with localCopy = true (nothing else can have
  // written state.json since: the caller must still hold a live lease).
  virtual Awaitable<Result<std::optional<EnvironmentState>>> readState(std::string env) = 0;
  // Replaces state.json whole (with a fresh checksum). Once this Store has
  // acquired the environment's lease the write is fenced: conditional on
  // state.json being what this Store last wrote (S3 If-Match on its ETag), so
  // after another controller took the lease over (and rewrote state.json
  // under its own lease) the write fails with Conflict instead of landing.
  // During an outage of the S3 backend the write is spooled with its
  // condition, and dropped at upload if the condition no longer holds.
  virtual Awaitable<Result<void>> writeState(std::string env, const EnvironmentState& state) = 0;

  // The daemon's cycle does not read and parse again the state.json it wrote (or
  // read) itself the cycle before (docs/performance.md): it hands the state back
  // with keepState, and readStateKept returns that kept copy when state.json is
  // still the version it was kept at — asked without transferring the object (S3:
  // GetObject with If-None-Match: <ETag>, answered 304; local: the MD5 of the
  // file, its version) — and otherwise reads and parses it as readState does.
  // So any other writer (another process's apply, `state rebuild`, another
  // replica after a lease change, an edit of the bucket) is seen by the next read.
  // A kept copy lives until it is handed out: it is moved, never copied.
  virtual Awaitable<Result<std::optional<EnvironmentState>>> readStateKept(std::string env) {
    co_return co_await readState(std::move(env));
  }
  // `state` must be, unchanged, what the last readStateKept of `env` returned or
  // the last writeState of `env` wrote (with the lease of that write as "lease").
  // Anything else since — a write that failed, a write without the fence, a lease
  // acquired, renewed in vain or released — and the store refuses it (drops it).
  virtual void keepState(std::string env, EnvironmentState state) {
    (void)env;
    (void)state;
  }
  // How the state reads of readStateKept went (for the cycle's event and tests).
  struct StateReads {
    std::uint64_t full = 0;  // state.json transferred and parsed
    std::uint64_t kept = 0;  // the kept copy, confirmed unchanged
  };
  virtual StateReads stateReads() const { return {}; }

  // status.json: written every cycle, read by `driftless status`.
  virtual Awaitable<Result<void>> writeStatus(std::string env, const StatusRecord& status) = 0;
  virtual Awaitable<Result<std::optional<StatusRecord>>> readStatus(std::string env) = 0;

  // Writes history/<cycle-id>/* (metadata.json last, so a listed cycle is
  // complete) and, when record.drift is not empty, drift/<date>/<cycle-id>.json
  // dated by the cycle id. Call it for every cycle that planned a change,
  // found drift or failed; a no-op cycle only writes status.
  virtual Awaitable<Result<void>> writeCycle(std::string env, const CycleRecord& record) = 0;

  // Metadata of the newest `limit` cycles (0 = all), newest first.
  virtual Awaitable<Result<std::vector<CycleMetadata>>> listHistory(std::string env,
                                                                    std::size_t limit) = 0;
  // One whole cycle; NotFound if there is no such cycle.
  virtual Awaitable<Result<CycleRecord>> readHistory(std::string env, std::string cycleId) = 0;
  // Drift records of cycles started at or after `since` (nullopt = all), oldest first.
  virtual Awaitable<Result<std::vector<DriftRecord>>> listDrift(std::string env,
                                                                std::optional<TimePoint> since) = 0;

  // The environment lease. acquire: takes a free or expired lease (Conflict,
  // naming the holder and its expiry, if someone else holds a live one;
  // acquiring again with the same holder id is a renewal). renew: extends a
  // lease this Store holds; Conflict if it was taken over meanwhile (stale
  // token) — the caller must then stop starting new actions in `env`.
  // release: on clean stop; releasing a lease no longer held is success.
  // A successful acquire also fences state.json (see writeState).
  // The local backend uses an advisory flock on <env>/lock (plus the holder in
  // the file): it is held until released or the process exits, so `ttl`
  // only goes into the holder record there.
  virtual Awaitable<Result<Lease>> acquireLease(std::string env, std::string holder,
                                                std::chrono::milliseconds ttl) = 0;
  virtual Awaitable<Result<Lease>> renewLease(Lease lease, std::chrono::milliseconds ttl) = 0;
  virtual Awaitable<Result<void>> releaseLease(Lease lease) = 0;
  // Who holds the lease now; nullopt if nobody (or it expired).
  virtual Awaitable<Result<std::optional<LeaseInfo>>> leaseHolder(std::string env) = 0;

  // Records written while the backend was unreachable, waiting in
  // <dataDir>/spool (0 for the local backend). Shown in status.
  virtual std::size_t spoolDepth() const = 0;
  // Uploads spooled records in the order they were written; stops at the
  // first failure (order is kept). Call at the start of every cycle. Returns
  // how many were uploaded.
  virtual Awaitable<Result<std::size_t>> flushSpool() = 0;

  // Deletes history and drift records of cycles older than now - retention,
  // at most `batch` objects per call, oldest first.
  virtual Awaitable<Result<RetentionResult>> applyRetention(std::string env, TimePoint now,
                                                            std::chrono::hours retention,
                                                            std::size_t batch = 100) = 0;

  // `driftless suspend/resume`, persisted in <env>/suspended.json.
  virtual Awaitable<Result<bool>> isSuspended(std::string env) = 0;
  virtual Awaitable<Result<void>> setSuspended(std::string env, bool suspended) = 0;

  // Replicas sharing environments (operations.md, "Running several replicas").
  // Heartbeats are never spooled: one that cannot be written is an error.
  virtual Awaitable<Result<void>> writeHeartbeat(ReplicaHeartbeat heartbeat) = 0;
  // Every heartbeat object, expired ones included (the caller compares `expires`).
  virtual Awaitable<Result<std::vector<ReplicaHeartbeat>>> listHeartbeats() = 0;
  // On clean stop; removing one that is gone is success.
  virtual Awaitable<Result<void>> removeHeartbeat(std::string replica) = 0;
};

struct StoreOptions {
  // Injected for tests (lease expiry); defaults to the system clock.
  std::function<TimePoint()> clock;
};

// The embedded default: records under `root` (= <dataDir>/state).
std::unique_ptr<Store> makeLocalStore(std::filesystem::path root, StoreOptions options = {});

struct S3StoreConfig {
  std::string bucket;
  std::string prefix;              // "driftless/" (a missing trailing '/' is added)
  std::filesystem::path spoolDir;  // <dataDir>/spool
  int maxKeys = 1000;              // ListObjectsV2 page size (tests use small pages)
};
// `client` must outlive the Store.
std::unique_ptr<Store> makeS3Store(aws::Client& client, S3StoreConfig config,
                                   StoreOptions options = {});

}  // namespace driftless::state
