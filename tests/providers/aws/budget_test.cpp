// The API budget's token bucket and AIMD rate (providers/aws/budget.h), on an
// injected clock: no sleeping, exact arithmetic.
#include "providers/aws/budget.h"

#include <gtest/gtest.h>

namespace driftless::aws {
namespace {

using namespace std::chrono_literals;
using TimePoint = RateLimiter::TimePoint;

double secondsOf(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

TEST(RateLimiter, ABurstOfOneSecondThenTheRate) {
  const TimePoint t0{};
  RateLimiter limiter(10, t0);
  // A full bucket: ten requests go at once, the eleventh waits 1/10 s, the twelfth 2/10 s.
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(limiter.reserve(t0).count(), 0) << i;
  EXPECT_NEAR(secondsOf(limiter.reserve(t0)), 0.1, 1e-9);
  EXPECT_NEAR(secondsOf(limiter.reserve(t0)), 0.2, 1e-9);
  // Half a second later the debt of two tokens is paid and three more have come in.
  EXPECT_EQ(limiter.reserve(t0 + 500ms).count(), 0);
  EXPECT_EQ(limiter.reserve(t0 + 500ms).count(), 0);
  EXPECT_EQ(limiter.reserve(t0 + 500ms).count(), 0);
  EXPECT_NEAR(secondsOf(limiter.reserve(t0 + 500ms)), 0.1, 1e-9);
}

TEST(RateLimiter, NoMoreThanTheRateOverAWindow) {
  // Callers that send as soon as their reservation says: over 10 s at 15/s, at
  // most 15 (the burst) + 150 requests start.
  const TimePoint t0{};
  RateLimiter limiter(15, t0);
  TimePoint now = t0;
  int sent = 0;
  while (now < t0 + 10s) {
    now += limiter.reserve(now);
    if (now < t0 + 10s) ++sent;
  }
  EXPECT_LE(sent, 15 + 150);
  EXPECT_GE(sent, 150);
}

TEST(RateLimiter, ThrottlingHalvesTheRateOncePerInterval) {
  const TimePoint t0{};
  RateLimiter limiter(40, t0);
  limiter.onThrottled(t0);
  EXPECT_DOUBLE_EQ(limiter.rate(), 20);
  // The answers to requests already in flight say the same: not another halving.
  limiter.onThrottled(t0 + 100ms);
  limiter.onThrottled(t0 + 900ms);
  EXPECT_DOUBLE_EQ(limiter.rate(), 20);
  limiter.onThrottled(t0 + 1s);
  EXPECT_DOUBLE_EQ(limiter.rate(), 10);
  // The burst is gone: the next request waits for a token at the new rate.
  EXPECT_NEAR(secondsOf(limiter.reserve(t0 + 1s)), 0.1, 1e-9);
  // Never below the floor.
  for (int i = 2; i < 20; ++i)
    limiter.onThrottled(t0 + std::chrono::seconds(i));
  EXPECT_DOUBLE_EQ(limiter.rate(), RateLimiter::kMinRate);
}

TEST(RateLimiter, SuccessRaisesTheRateSlowlyUpToTheCeiling) {
  const TimePoint t0{};
  RateLimiter limiter(20, t0);
  EXPECT_DOUBLE_EQ(limiter.increaseStep(), 1);  // 5% of the ceiling per second
  limiter.onThrottled(t0);
  EXPECT_DOUBLE_EQ(limiter.rate(), 10);
  // Successes every 100 ms for one second add one step.
  for (int i = 1; i <= 10; ++i)
    limiter.onSuccess(t0 + i * 100ms);
  EXPECT_NEAR(limiter.rate(), 11, 1e-9);
  // A long quiet gap counts as at most one second.
  limiter.onSuccess(t0 + 60s);
  EXPECT_NEAR(limiter.rate(), 12, 1e-9);
  for (int i = 61; i < 100; ++i)
    limiter.onSuccess(t0 + std::chrono::seconds(i));
  EXPECT_DOUBLE_EQ(limiter.rate(), 20);  // capped at the ceiling
}

TEST(RateLimiter, SustainedThrottlingConvergesBelowTheServiceLimit) {
  // A service that allows 8/s and throttles whatever comes above it: AIMD ends
  // up oscillating under 8/s, not at the configured 40/s.
  const TimePoint t0{};
  RateLimiter limiter(40, t0);
  TimePoint now = t0;
  int lastSecond = -1, inSecond = 0, throttledLastSeconds = 0, sentLastSeconds = 0;
  while (now < t0 + 60s) {
    now += limiter.reserve(now);
    const int second = static_cast<int>(std::chrono::duration<double>(now - t0).count());
    if (second != lastSecond) {
      lastSecond = second;
      inSecond = 0;
    }
    const bool throttled = ++inSecond > 8;
    if (second >= 50) {
      ++sentLastSeconds;
      throttledLastSeconds += throttled;
    }
    if (throttled)
      limiter.onThrottled(now);
    else
      limiter.onSuccess(now);
  }
  EXPECT_LT(limiter.rate(), 12);
  EXPECT_LE(sentLastSeconds, 10 * 12);
  EXPECT_LT(throttledLastSeconds, sentLastSeconds / 4);
}

TEST(ApiBudget, DefaultsOverridesAndOneBucketPerServiceAndRegion) {
  TimePoint now{};
  ApiBudget budget({{"lambda", 5}}, [&] { return now; });
  EXPECT_DOUBLE_EQ(budget.ceiling("lambda"), 5);
  EXPECT_DOUBLE_EQ(budget.ceiling("ssm"), 40);
  EXPECT_DOUBLE_EQ(budget.ceiling("sns"), 30);
  EXPECT_DOUBLE_EQ(budget.ceiling("tagging"), 15);
  EXPECT_DOUBLE_EQ(budget.ceiling("unknownservice"), ApiBudget::kUnknownServiceRate);
  EXPECT_TRUE(ApiBudget::knownService("sqs"));
  EXPECT_FALSE(ApiBudget::knownService("sqss"));

  EXPECT_EQ(&budget.limiter("sqs", "eu-west-1"), &budget.limiter("sqs", "eu-west-1"));
  EXPECT_NE(&budget.limiter("sqs", "eu-west-1"), &budget.limiter("sqs", "us-east-1"));
  budget.onResponse("sqs", "eu-west-1", true);
  budget.onResponse("sqs", "eu-west-1", true);  // same interval: counted, not halved again
  budget.onResponse("lambda", "eu-west-1", false);
  auto entries = budget.snapshot();
  ASSERT_EQ(entries.size(), 3u);
  for (const auto& e : entries) {
    if (e.service == "sqs" && e.region == "eu-west-1") {
      EXPECT_EQ(e.throttled, 2u);
      EXPECT_DOUBLE_EQ(e.rate, 50);
      EXPECT_DOUBLE_EQ(e.ceiling, 100);
    } else {
      EXPECT_EQ(e.throttled, 0u);
      EXPECT_DOUBLE_EQ(e.rate, e.ceiling);
    }
  }
}

TEST(ApiBudget, AnEmulatorsBudgetLimitsOnlyWhatIsConfigured) {
  TimePoint now{};
  ApiBudget budget(
      {{"sqs", 5}}, [&] { return now; }, /*awsDefaults=*/false);
  EXPECT_DOUBLE_EQ(budget.ceiling("sqs"), 5);
  EXPECT_DOUBLE_EQ(budget.ceiling("lambda"), 0) << "not limited";
  budget.onResponse("lambda", "eu-west-1", true);
  budget.onResponse("sqs", "eu-west-1", false);
  auto entries = budget.snapshot();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].service, "sqs");
}

}  // namespace
}  // namespace driftless::aws
