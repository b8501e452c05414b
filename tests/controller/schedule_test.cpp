// The retry policy (controller/schedule.h): the kind of a cycle's error decides
// when the next cycle runs. Randomness injected, so every delay is exact.
#include "controller/schedule.h"

#include <gtest/gtest.h>

namespace driftless::controller {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// interval 10 min, retryInterval 15 s, jitter factor fixed at 1.0 (uniform 0.5).
RetrySchedule fixed() {
  return RetrySchedule(10min, 15s, [] { return 0.5; });
}

CycleOutcome failedWith(ErrorKind kind, std::string commit = "abc1234def") {
  CycleOutcome o = CycleOutcome::failure(CycleResult::Failed, kind, "it failed");
  o.commit = std::move(commit);
  return o;
}

TEST(RetrySchedule, SuccessWaitsTheIntervalWithTenPercentJitter) {
  RetrySchedule low(10min, 15s, [] { return 0.0; });
  RetrySchedule high(10min, 15s, [] { return 0.999999; });
  EXPECT_EQ(low.after(CycleOutcome::success()).delay, milliseconds(540000));
  EXPECT_NEAR(static_cast<double>(high.after(CycleOutcome::success()).delay.count()), 660000.0,
              1.0);
  EXPECT_FALSE(low.after(CycleOutcome::success()).stalled);
}

TEST(RetrySchedule, AnInvalidCommitStallsAndLooksAtTheBranchEveryInterval) {
  auto s = fixed();
  NextRun next = s.after(failedWith(ErrorKind::Invalid));
  EXPECT_TRUE(next.stalled);
  EXPECT_EQ(next.delay, 10min) << "the next look at the branch, not a retry";
  // Without a commit (the fetch itself was refused) there is nothing to stall on.
  EXPECT_FALSE(s.after(failedWith(ErrorKind::Invalid, "")).stalled);
}

TEST(RetrySchedule, WaitingIsRetriedAfterItsRetryAfterNotRetryInterval) {
  auto s = fixed();
  CycleOutcome o = failedWith(ErrorKind::Waiting);
  o.retryAfter = 60s;
  NextRun next = s.after(o);
  EXPECT_FALSE(next.stalled);
  EXPECT_EQ(next.delay, 60s);
  o.retryAfter.reset();
  EXPECT_EQ(s.after(o).delay, 15s) << "no retryAfter given: retryInterval";
  EXPECT_EQ(s.consecutiveFailures(), 0) << "a known wait does not grow the backoff";
}

TEST(RetrySchedule, TransientAndThrottledBackOffExponentiallyUpToTheInterval) {
  auto s = fixed();
  std::vector<milliseconds> delays;
  for (int i = 0; i < 8; ++i)
    delays.push_back(
        s.after(failedWith(i % 2 ? ErrorKind::Throttled : ErrorKind::Transient)).delay);
  EXPECT_EQ(delays, (std::vector<milliseconds>{15s, 30s, 60s, 120s, 240s, 480s, 600s, 600s}));
  // A success resets it.
  s.after(CycleOutcome::success());
  EXPECT_EQ(s.after(failedWith(ErrorKind::Transient)).delay, 15s);
}

TEST(RetrySchedule, BackoffIsJitteredTenPercentEitherWay) {
  double u = 0.0;
  RetrySchedule s(10min, 10s, [&] { return u; });
  EXPECT_EQ(s.after(failedWith(ErrorKind::Transient)).delay, 9s);
  u = 0.999999;
  EXPECT_NEAR(static_cast<double>(s.after(failedWith(ErrorKind::Transient)).delay.count()), 22000.0,
              1.0);
}

TEST(RetrySchedule, ThrottledHonoursTheServicesRetryAfterWhenLonger) {
  auto s = fixed();
  CycleOutcome o = failedWith(ErrorKind::Throttled);
  o.retryAfter = 45s;
  EXPECT_EQ(s.after(o).delay, 45s);
}

TEST(RetrySchedule, PartialAndDegradedCountAsFailuresSkippedDoesNot) {
  auto s = fixed();
  CycleOutcome degraded = CycleOutcome::failure(CycleResult::Degraded, ErrorKind::Transient, "x");
  EXPECT_EQ(s.after(degraded).delay, 15s);
  EXPECT_EQ(s.after(degraded).delay, 30s);
  CycleOutcome skipped = CycleOutcome::failure(CycleResult::Skipped, ErrorKind::Conflict, "held");
  EXPECT_EQ(s.after(skipped).delay, 15s) << "the lease's business: retryInterval, flat";
  EXPECT_EQ(s.consecutiveFailures(), 2);
}

Error errorOf(ErrorKind kind, std::optional<milliseconds> retryAfter = std::nullopt) {
  Error e = Error::make(kind, "x");
  e.retryAfter = retryAfter;
  return e;
}

TEST(ClassifyFailures, WhatMayClearByItselfDecidesThenWaitingThenInvalid) {
  CycleOutcome o = failedWith(ErrorKind::Transient);
  classifyFailures(o, {errorOf(ErrorKind::Invalid), errorOf(ErrorKind::Waiting, 60s),
                       errorOf(ErrorKind::Throttled)});
  EXPECT_EQ(o.kind, ErrorKind::Throttled);
  classifyFailures(o, {errorOf(ErrorKind::Invalid), errorOf(ErrorKind::Waiting, 60s),
                       errorOf(ErrorKind::Waiting, 30s)});
  EXPECT_EQ(o.kind, ErrorKind::Waiting);
  EXPECT_EQ(o.retryAfter, milliseconds(30s)) << "the shortest wait asked for";
  classifyFailures(o, {errorOf(ErrorKind::Invalid), errorOf(ErrorKind::Invalid)});
  EXPECT_EQ(o.kind, ErrorKind::Invalid) << "stalled only when nothing else could clear";
  // An SQS queue name deleted less than 60 s ago (QueueDeletedRecently): retried at that time.
  classifyFailures(o, {errorOf(ErrorKind::Waiting, 60s)});
  auto s = fixed();
  EXPECT_EQ(s.after(o).delay, 60s);
}

TEST(RetrySchedule, TriggersAndResultsHaveTheirLogNames) {
  EXPECT_EQ(toString(Trigger::Resync), "resync");
  EXPECT_EQ(toString(Trigger::Event), "event");
  EXPECT_EQ(toString(CycleResult::Degraded), "degraded");
  EXPECT_TRUE(asksForResync(Trigger::Signal));
  EXPECT_TRUE(asksForResync(Trigger::Resync));
  EXPECT_FALSE(asksForResync(Trigger::Webhook));
  EXPECT_FALSE(asksForResync(Trigger::Interval));
  EXPECT_EQ(stalledMessage("abc1234def", "commit abc1234 refused: x.yaml:1:1: bad"),
            "stalled on commit abc1234: commit abc1234 refused: x.yaml:1:1: bad; waiting for a new "
            "commit or resync");
}

}  // namespace
}  // namespace driftless::controller
