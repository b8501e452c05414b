#pragma once
// Retries as in the AWS SDKs' "standard" mode: capped exponential backoff with
// full jitter, a maximum number of attempts, and a token bucket shared by a
// client's requests so that a failing service is not hammered by every caller
// at once. Randomness is injected, so tests check exact delays without sleeping.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "providers/error.h"

namespace driftless::aws {

struct RetryOptions {
  int maxAttempts = 3;                       // first try included
  std::chrono::milliseconds baseDelay{100};  // transient errors
  std::chrono::milliseconds throttledBaseDelay{500};
  std::chrono::milliseconds maxBackoff{20000};
  int bucketCapacity = 500;
  int retryCost = 5;
  int timeoutRetryCost = 10;  // a timeout costs more: the service may be down
  int noRetryIncrement = 1;   // a first-try success refills the bucket a little
};

// Thread-safe.
class RetryTokenBucket {
 public:
  explicit RetryTokenBucket(int capacity = 500) : capacity_(capacity), tokens_(capacity) {}
  bool tryAcquire(int amount);
  void release(int amount);  // capped at capacity
  int available() const;

 private:
  mutable std::mutex mu_;
  int capacity_;
  int tokens_;
};

class RetryPolicy {
 public:
  using Random = std::function<double()>;  // uniform in [0, 1)

  // `bucket` may be shared by several policies; `random` defaults to a seeded engine.
  RetryPolicy(RetryOptions options = {}, std::shared_ptr<RetryTokenBucket> bucket = nullptr,
              Random random = nullptr);

  struct Decision {
    bool retry = false;
    std::chrono::milliseconds delay{0};
    int cost = 0;  // tokens taken; give back with onSuccess(cost) if the retry works
  };

  // Whether an error is worth retrying at all (ignores attempts and tokens):
  // throttling and transient errors are; every other 4xx is not.
  static bool retryable(const Error& error);

  // After `attempt` (1 = the first try) failed with `error`.
  Decision onFailure(const Error& error, int attempt);
  // After a success; `retryCost` = tokens taken by the retry that succeeded (0 if none).
  void onSuccess(int retryCost);

  // min(maxBackoff, base * 2^(attempt-1)) * random(): full jitter.
  std::chrono::milliseconds backoff(const Error& error, int attempt);

  const RetryOptions& options() const { return options_; }
  RetryTokenBucket& bucket() { return *bucket_; }

 private:
  RetryOptions options_;
  std::shared_ptr<RetryTokenBucket> bucket_;
  Random random_;
};

// The offset to add to the local clock so it matches a server that said
// RequestTimeTooSkewed: from the response's Date header (RFC 1123) or S3's
// <ServerTime>, compared with `localNow`. nullopt if the time cannot be read.
std::optional<std::chrono::milliseconds> clockSkew(std::string_view serverTime,
                                                   std::chrono::system_clock::time_point localNow);
// Parses "Sun, 06 Nov 1994 08:49:37 GMT" and "2026-11-22T01:02:03Z".
std::optional<std::chrono::system_clock::time_point> parseServerTime(std::string_view text);

}  // namespace driftless::aws
