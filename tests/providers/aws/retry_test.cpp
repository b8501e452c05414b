#include "providers/aws/retry.h"

#include <gtest/gtest.h>

#include "providers/aws/signer.h"

namespace driftless::aws {
namespace {

using namespace std::chrono_literals;

Error err(std::string code, int status, ErrorKind kind) {
  Error e;
  e.code = std::move(code);
  e.httpStatus = status;
  e.kind = kind;
  return e;
}

const Error kThrottled = err("ThrottlingException", 400, ErrorKind::Throttled);
const Error kUnavailable = err("ServiceUnavailable", 503, ErrorKind::Transient);
const Error kTimeout = err("RequestTimeout", 0, ErrorKind::Transient);

TEST(RetryPolicy, WhatIsRetried) {
  struct Case {
    Error e;
    bool retried;
  };
  const Case cases[] = {
      {kThrottled, true},
      {err("Throttling", 400, ErrorKind::Throttled), true},
      {err("RequestLimitExceeded", 400, ErrorKind::Throttled), true},
      {err("SlowDown", 503, ErrorKind::Throttled), true},
      {err("TooManyRequestsException", 429, ErrorKind::Throttled), true},
      {err("ProvisionedThroughputExceededException", 400, ErrorKind::Throttled), true},
      {err("InternalError", 500, ErrorKind::Transient), true},
      {err("BadGateway", 502, ErrorKind::Transient), true},
      {kUnavailable, true},
      {err("GatewayTimeout", 504, ErrorKind::Transient), true},
      {kTimeout, true},
      {err("ConnectionError", 0, ErrorKind::Transient), true},
      {err("AccessDenied", 403, ErrorKind::Invalid), false},
      {err("ValidationException", 400, ErrorKind::Invalid), false},
      {err("NoSuchBucket", 404, ErrorKind::NotFound), false},
      {err("PreconditionFailed", 412, ErrorKind::Conflict), false},
  };
  for (const auto& c : cases) {
    RetryPolicy p({}, nullptr, [] { return 0.5; });
    EXPECT_EQ(RetryPolicy::retryable(c.e), c.retried) << c.e.code;
    EXPECT_EQ(p.onFailure(c.e, 1).retry, c.retried) << c.e.code;
  }
}

TEST(RetryPolicy, CappedExponentialBackoffWithFullJitter) {
  double r = 1.0;
  RetryPolicy p(
      {.maxAttempts = 10, .baseDelay = 100ms, .throttledBaseDelay = 500ms, .maxBackoff = 20s},
      nullptr, [&] { return r; });
  // the random factor at its top: the cap of each attempt
  EXPECT_EQ(p.backoff(kUnavailable, 1), 100ms);
  EXPECT_EQ(p.backoff(kUnavailable, 2), 200ms);
  EXPECT_EQ(p.backoff(kUnavailable, 3), 400ms);
  EXPECT_EQ(p.backoff(kUnavailable, 9), 20s);  // 25.6 s capped
  EXPECT_EQ(p.backoff(kThrottled, 1), 500ms);  // throttling backs off longer
  EXPECT_EQ(p.backoff(kThrottled, 3), 2000ms);
  // full jitter: anywhere from 0 to the cap
  r = 0.25;
  EXPECT_EQ(p.backoff(kUnavailable, 3), 100ms);
  r = 0.0;
  EXPECT_EQ(p.backoff(kThrottled, 5), 0ms);
  auto d = p.onFailure(kUnavailable, 2);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay, 0ms);
}

TEST(RetryPolicy, MaxAttemptsCountsTheFirstTry) {
  RetryPolicy p({.maxAttempts = 3}, nullptr, [] { return 0.5; });
  EXPECT_TRUE(p.onFailure(kUnavailable, 1).retry);
  EXPECT_TRUE(p.onFailure(kUnavailable, 2).retry);
  EXPECT_FALSE(p.onFailure(kUnavailable, 3).retry);
  RetryPolicy once({.maxAttempts = 1}, nullptr, [] { return 0.5; });
  EXPECT_FALSE(once.onFailure(kUnavailable, 1).retry);
}

TEST(RetryPolicy, TokenBucketStopsRetryingAFailingService) {
  auto bucket = std::make_shared<RetryTokenBucket>(20);
  RetryPolicy p({.maxAttempts = 100}, bucket, [] { return 0.0; });
  // 5 tokens a retry, 10 for a timeout
  EXPECT_EQ(p.onFailure(kUnavailable, 1).cost, 5);
  EXPECT_EQ(p.onFailure(kTimeout, 1).cost, 10);
  EXPECT_EQ(bucket->available(), 5);
  EXPECT_TRUE(p.onFailure(kThrottled, 1).retry);
  EXPECT_EQ(bucket->available(), 0);
  EXPECT_FALSE(p.onFailure(kUnavailable, 1).retry);  // empty: fail fast
  // a retry that succeeds gives its tokens back; a first-try success adds one
  p.onSuccess(5);
  EXPECT_EQ(bucket->available(), 5);
  p.onSuccess(0);
  EXPECT_EQ(bucket->available(), 6);
  for (int i = 0; i < 100; ++i)
    p.onSuccess(5);
  EXPECT_EQ(bucket->available(), 20);  // never above capacity
}

TEST(RetryPolicy, SharedBucketAcrossPolicies) {
  auto bucket = std::make_shared<RetryTokenBucket>(10);
  RetryPolicy a({.maxAttempts = 5}, bucket, [] { return 0.0; });
  RetryPolicy b({.maxAttempts = 5}, bucket, [] { return 0.0; });
  EXPECT_TRUE(a.onFailure(kUnavailable, 1).retry);
  EXPECT_TRUE(b.onFailure(kUnavailable, 1).retry);
  EXPECT_FALSE(a.onFailure(kUnavailable, 1).retry);
}

TEST(ClockSkew, FromServerDate) {
  auto local = *sigv4::parseAmzDate("20261122T100000Z");
  EXPECT_EQ(clockSkew("Sun, 22 Nov 2026 10:15:00 GMT", local), 15min);
  EXPECT_EQ(clockSkew("2026-11-22T09:59:30Z", local), -30s);
  EXPECT_FALSE(clockSkew("yesterday", local));
  EXPECT_FALSE(clockSkew("", local));
  // found by fuzzing: year 2 overflowed the nanosecond clock
  EXPECT_FALSE(parseServerTime("Sun, 22 Nov 2 10:10:15 GMT"));
  EXPECT_FALSE(parseServerTime("9999-01-01T00:00:00Z"));
  EXPECT_FALSE(sigv4::parseAmzDate("00020101T000000Z"));
}

}  // namespace
}  // namespace driftless::aws
