#include "controller/schedule.h"

#include <algorithm>

namespace driftless::controller {

using std::chrono::milliseconds;

std::string_view toString(Trigger trigger) {
  switch (trigger) {
    case Trigger::Startup:
      return "startup";
    case Trigger::Interval:
      return "interval";
    case Trigger::Signal:
      return "signal";
    case Trigger::Resync:
      return "resync";
    case Trigger::Webhook:
      return "webhook";
    case Trigger::Resume:
      return "resume";
    case Trigger::Event:
      return "event";
    case Trigger::Apply:
      return "apply";
    case Trigger::Plan:
      return "plan";
    case Trigger::Rollback:
      return "rollback";
  }
  return "interval";
}

bool asksForResync(Trigger trigger) {
  return trigger == Trigger::Signal || trigger == Trigger::Resync || trigger == Trigger::Resume;
}

std::string_view toString(CycleResult result) {
  switch (result) {
    case CycleResult::Succeeded:
      return "succeeded";
    case CycleResult::Partial:
      return "partial";
    case CycleResult::Degraded:
      return "degraded";
    case CycleResult::Failed:
      return "failed";
    case CycleResult::Planned:
      return "planned";
    case CycleResult::Skipped:
      return "skipped";
  }
  return "failed";
}

bool CycleOutcome::failed() const {
  return result == CycleResult::Failed || result == CycleResult::Partial ||
         result == CycleResult::Degraded;
}

CycleOutcome CycleOutcome::success(CycleResult result) {
  CycleOutcome o;
  o.result = result;
  return o;
}

CycleOutcome CycleOutcome::failure(CycleResult result, const Error& error) {
  CycleOutcome o = failure(result, error.kind, error.message);
  o.retryAfter = error.retryAfter;
  return o;
}

CycleOutcome CycleOutcome::failure(CycleResult result, ErrorKind kind, std::string message) {
  CycleOutcome o;
  o.result = result;
  o.kind = kind;
  o.error = std::move(message);
  return o;
}

// The kind that decides when to try again, of several failures: one that may
// clear by itself (Transient, Throttled, Conflict, ...) first; else Waiting,
// after the shortest retryAfter asked for; Invalid only when every failure is.
void classifyFailures(CycleOutcome& outcome, const std::vector<Error>& errors) {
  std::optional<ErrorKind> other;
  std::optional<milliseconds> otherAfter, wait;
  bool waiting = false;
  for (const auto& e : errors) {
    if (e.kind == ErrorKind::Invalid) continue;
    if (e.kind == ErrorKind::Waiting) {
      waiting = true;
      if (e.retryAfter) wait = wait ? std::min(*wait, *e.retryAfter) : *e.retryAfter;
    } else if (!other) {
      other = e.kind;
      otherAfter = e.retryAfter;
    }
  }
  if (other) {
    outcome.kind = other;
    outcome.retryAfter = otherAfter;
  } else if (waiting) {
    outcome.kind = ErrorKind::Waiting;
    outcome.retryAfter = wait;
  } else {
    outcome.kind = errors.empty() ? ErrorKind::Transient : ErrorKind::Invalid;
  }
}

RetrySchedule::RetrySchedule(milliseconds interval, milliseconds retryInterval,
                             std::function<double()> uniform)
    : interval_(interval), retryInterval_(retryInterval), uniform_(std::move(uniform)) {}

milliseconds RetrySchedule::jittered(milliseconds delay) {
  double factor = 0.9 + 0.2 * uniform_();
  return milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * factor));
}

milliseconds RetrySchedule::backoff() {
  // retryInterval · 2^(n-1) for the n-th failure in a row, at most interval.
  int doublings = std::min(failures_ - 1, 30);
  milliseconds base = retryInterval_;
  for (int i = 0; i < doublings && base < interval_; ++i)
    base *= 2;
  return jittered(std::min(base, std::max(interval_, retryInterval_)));
}

NextRun RetrySchedule::after(const CycleOutcome& outcome) {
  NextRun next;
  if (outcome.result == CycleResult::Skipped) {
    next.delay = retryInterval_;  // the lease's business: look again soon, no backoff
    return next;
  }
  if (!outcome.failed()) {
    failures_ = 0;
    next.delay = jittered(interval_);
    return next;
  }
  ErrorKind kind = outcome.kind.value_or(ErrorKind::Transient);
  if (kind == ErrorKind::Invalid && !outcome.commit.empty()) {
    failures_ = 0;
    next.stalled = true;
    next.delay = jittered(interval_);  // when the branch is fetched again
    return next;
  }
  if (kind == ErrorKind::Waiting) {
    next.delay = outcome.retryAfter.value_or(retryInterval_);
    return next;
  }
  ++failures_;
  next.delay = backoff();
  if (outcome.retryAfter) next.delay = std::max(next.delay, *outcome.retryAfter);
  return next;
}

std::string stalledMessage(const std::string& commit, const std::string& error) {
  return "stalled on commit " + commit.substr(0, 7) + ": " + error +
         "; waiting for a new commit or resync";
}

}  // namespace driftless::controller
