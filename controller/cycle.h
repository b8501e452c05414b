#pragma once
// ONE cycle of one environment (SPEC §4), shared by the daemon, `plan` and
// `apply`: fetch → load and validate (the daemon keeps the commit it loaded:
// a cycle of the same commit copies it) → lease (and read
// state.json) → observe → plan → (apply: execute, write state.json) → record
// (history, status, events, metrics). A chain of named steps (after Flux's
// sub-reconcilers); any step that fails ends the cycle with a typed outcome
// (CycleOutcome: the kind of error decides the schedule) and a located,
// one-line error, and nothing is written to AWS before the manifests of the
// commit loaded and validated. Nothing is recorded without the lease.
#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "controller/runtime.h"
#include "controller/schedule.h"
#include "providers/asio.h"
#include "reconcile/executor.h"
#include "reconcile/plan.h"
#include "state/records.h"

namespace driftless::controller {

struct CycleRequest {
  bool apply = true;  // false: `driftless plan` (nothing written anywhere)
  Trigger trigger = Trigger::Interval;
  std::optional<std::string> revision;  // --revision (plan/apply); default: the branch head
  bool allowMassPrune = false;
  // Set by shutdown: no new action starts; started ones finish.
  const std::atomic<bool>* cancel = nullptr;
  // The daemon's retry policy of the environment: the cycle asks it what comes
  // next (CycleReport::next, status.json nextRun). Null for `plan`/`apply`.
  RetrySchedule* schedule = nullptr;
  // Between full scans (fullScanInterval) a cycle whose commit is the one last
  // applied observes nothing: false asks for that.
  bool fullScan = true;
  // A targeted cycle (change events): observe and plan only these resources and
  // what depends on them, when the commit is the one last applied (a new commit
  // makes it a full cycle).
  std::set<ResourceId> targets;
  // Who changed a resource, from its change event (ChangeEvent::cause): recorded
  // with the drift found on it.
  std::map<ResourceId, Value> causes;
};

struct CycleReport {
  std::string cycleId;
  std::string commit;
  // The result, the kind of error that decides the schedule, its retryAfter,
  // the commit, the one-line error (file:line:col for a broken manifest).
  CycleOutcome outcome;
  // What the scheduler does next (set when CycleRequest::schedule was).
  std::optional<NextRun> next;
  std::optional<reconcile::Plan> plan;
  std::optional<reconcile::ExecutionResult> execution;
  state::CycleCounts counts;
  std::size_t managed = 0;
  std::size_t observed = 0;           // resources read from AWS (0 between full scans)
  std::uint64_t observeRequests = 0;  // AWS requests the observe step made
  // Resources read while the manifests loaded (a full scan of the commit last
  // applied reads what state records) whose reads the manifests confirmed.
  std::size_t observedAhead = 0;
  bool changesOrDrift = false;
  bool noop = false;  // nothing planned, nothing drifted, nothing failed
  std::chrono::milliseconds duration{0};
};

// Runs one cycle. Never throws; every failure is in the report.
Awaitable<CycleReport> runCycle(Runtime& runtime, EnvironmentRuntime& env,
                                const CycleRequest& request);

// Takes (or renews) the environment's lease for the holder of `runtime`.
// Conflict when another live controller holds it.
Awaitable<Result<void>> ensureLease(Runtime& runtime, EnvironmentRuntime& env);
Awaitable<void> releaseLease(Runtime& runtime, EnvironmentRuntime& env);
// Renews the held lease (the daemon calls it every third of the time-to-live,
// also while a cycle runs). Taken over: the lease is dropped. The store
// unreachable: the lease is kept while it is provably ours (at least a third
// of its time-to-live left, see leaseSafe), then dropped. A dropped lease sets
// env.leaseLost and env.stop (a running cycle starts no new action) and logs
// lease.lost once, whichever renewal noticed (`running`: a cycle was running).
Awaitable<Result<void>> renewHeldLease(Runtime& runtime, EnvironmentRuntime& env, bool running);
bool leaseSafe(const state::Lease& lease, state::TimePoint now);
// Lease time-to-live: long enough to survive a slow cycle between renewals.
std::chrono::milliseconds leaseTtl(const config::EnvironmentConfig& env);

// Deletes history and drift records older than `retention` (state.retention),
// at most `batch` objects per call. Listing history is a request or more on
// S3, so this runs at most once per hour per environment — a no-op cycle
// every few minutes adds nothing — except that a run that hit its batch limit
// continues on the next cycle until the backlog is gone. Returns what was
// deleted (0 and more=false when not due).
Awaitable<Result<state::RetentionResult>> applyRetentionIfDue(state::Store& store, std::string env,
                                                              std::chrono::milliseconds retention,
                                                              RetentionSchedule& schedule,
                                                              state::TimePoint now,
                                                              std::size_t batch = 100);

// The account id (STS GetCallerIdentity, asked once) and the providers.
Awaitable<Result<void>> prepareProviders(Runtime& runtime, EnvironmentRuntime& env);

}  // namespace driftless::controller
