#pragma once
// What a cycle ended with, as types (strings only at the edges: log lines,
// JSON, status), and what the scheduler does next, decided by the kind of the
// error (after Flux's Stalling/Waiting/Generic and ACK's requeue):
//   Invalid (a broken commit, a bad manifest, AccessDenied): stalled — no cycle
//     until the branch moves (a fetch on the normal interval sees a new commit)
//     or a resync is asked for (SIGHUP, `driftless resync`, the API);
//   Waiting: retried after its retryAfter;
//   anything else (Transient, Throttled, Conflict, ...): exponential backoff
//     from retryInterval up to interval, ± 10 % jitter.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/error.h"

namespace driftless::controller {

// Why a cycle ran.
enum class Trigger {
  Startup,   // the daemon's first cycle of an environment
  Interval,  // the timer
  Signal,    // SIGHUP
  Resync,    // `driftless resync` / the API
  Webhook,   // a push announced by the git host
  Resume,    // `driftless resume`
  Event,     // AWS change events (a targeted cycle)
  Apply,     // `driftless apply`
  Plan,      // `driftless plan`
  Rollback,  // the health gate returning to the last good commit
};
std::string_view toString(Trigger trigger);  // "startup", "interval", ...
// An operator asked for this cycle: it runs even when the environment is stalled.
bool asksForResync(Trigger trigger);

enum class CycleResult {
  Succeeded,
  Partial,   // some actions failed, others succeeded
  Degraded,  // converged all but resources that could not be observed
  Failed,
  Planned,  // `driftless plan`
  Skipped,  // the lease is held elsewhere (or the store cannot be reached to take it)
};
std::string_view toString(CycleResult result);  // "succeeded", "partial", ...

// What one cycle ended with.
struct CycleOutcome {
  CycleResult result = CycleResult::Succeeded;
  // Why it did not succeed: the kind that decides the schedule (unset on success).
  std::optional<ErrorKind> kind;
  // Waiting (and Throttled, when the service said so): when to try again.
  std::optional<std::chrono::milliseconds> retryAfter;
  std::string commit;  // the commit it ran on ("" when the fetch failed)
  std::string error;   // one line (file:line:col for a broken manifest)

  // failed, partial or degraded (not skipped, which is the lease's business).
  bool failed() const;
  static CycleOutcome success(CycleResult result = CycleResult::Succeeded);
  static CycleOutcome failure(CycleResult result, const Error& error);
  static CycleOutcome failure(CycleResult result, ErrorKind kind, std::string message);
};

// Sets `outcome.kind` (and retryAfter) from the errors of several failures (the
// failed actions, the resources that could not be observed): one that may clear
// by itself (Transient, Throttled, Conflict, ...) first; else Waiting, after the
// shortest retryAfter asked for; Invalid only when every failure is Invalid.
void classifyFailures(CycleOutcome& outcome, const std::vector<Error>& errors);

// What the scheduler does after a cycle.
struct NextRun {
  std::chrono::milliseconds delay{0};
  // No cycle until the branch moves or a resync: `delay` is then when the
  // branch is fetched again to see whether it moved (the normal interval).
  bool stalled = false;
};

// The retry policy of one environment: pure, with the randomness injected.
class RetrySchedule {
 public:
  // `uniform` returns a number in [0, 1).
  RetrySchedule(std::chrono::milliseconds interval, std::chrono::milliseconds retryInterval,
                std::function<double()> uniform);

  NextRun after(const CycleOutcome& outcome);
  // interval ± 10 %: so environments (and controllers) started together do not call AWS in step.
  std::chrono::milliseconds jittered(std::chrono::milliseconds delay);
  std::chrono::milliseconds interval() const { return interval_; }
  std::chrono::milliseconds retryInterval() const { return retryInterval_; }
  int consecutiveFailures() const { return failures_; }

 private:
  std::chrono::milliseconds backoff();

  std::chrono::milliseconds interval_;
  std::chrono::milliseconds retryInterval_;
  std::function<double()> uniform_;
  int failures_ = 0;  // consecutive backoff failures
};

// The status line of a stalled environment.
std::string stalledMessage(const std::string& commit, const std::string& error);

}  // namespace driftless::controller
