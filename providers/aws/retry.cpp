#include "providers/aws/retry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <random>

#include "providers/aws/errors.h"

namespace driftless::aws {

bool RetryTokenBucket::tryAcquire(int amount) {
  std::lock_guard lock(mu_);
  if (tokens_ < amount) return false;
  tokens_ -= amount;
  return true;
}

void RetryTokenBucket::release(int amount) {
  std::lock_guard lock(mu_);
  tokens_ = std::min(capacity_, tokens_ + amount);
}

int RetryTokenBucket::available() const {
  std::lock_guard lock(mu_);
  return tokens_;
}

RetryPolicy::RetryPolicy(RetryOptions options, std::shared_ptr<RetryTokenBucket> bucket,
                         Random random)
    : options_(options), bucket_(std::move(bucket)), random_(std::move(random)) {
  if (!bucket_) bucket_ = std::make_shared<RetryTokenBucket>(options_.bucketCapacity);
  if (!random_) {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    auto mu = std::make_shared<std::mutex>();
    random_ = [engine, mu] {
      std::lock_guard lock(*mu);
      return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
  }
}

bool RetryPolicy::retryable(const Error& error) {
  if (error.kind == ErrorKind::Throttled || error.kind == ErrorKind::Transient) return true;
  if (error.httpStatus == 429 || isThrottlingCode(error.code)) return true;
  if (error.httpStatus >= 500 || isTransientCode(error.code)) return true;
  return false;
}

std::chrono::milliseconds RetryPolicy::backoff(const Error& error, int attempt) {
  const bool throttled =
      error.kind == ErrorKind::Throttled || isThrottlingCode(error.code) || error.httpStatus == 429;
  const double base =
      static_cast<double>((throttled ? options_.throttledBaseDelay : options_.baseDelay).count());
  const double cap = static_cast<double>(options_.maxBackoff.count());
  const double exp = std::min(cap, base * std::pow(2.0, std::max(0, attempt - 1)));
  const double r = std::clamp(random_(), 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(exp * r));
}

RetryPolicy::Decision RetryPolicy::onFailure(const Error& error, int attempt) {
  Decision d;
  if (!retryable(error) || attempt >= options_.maxAttempts) return d;
  const bool timeout = error.code == "RequestTimeout" || error.code == "RequestTimeoutException";
  const int cost = timeout ? options_.timeoutRetryCost : options_.retryCost;
  if (!bucket_->tryAcquire(cost)) return d;
  d.retry = true;
  d.cost = cost;
  d.delay = backoff(error, attempt);
  return d;
}

void RetryPolicy::onSuccess(int retryCost) {
  bucket_->release(retryCost > 0 ? retryCost : options_.noRetryIncrement);
}

std::optional<std::chrono::system_clock::time_point> parseServerTime(std::string_view text) {
  std::string s(text);
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (!end) {
    tm = {};
    end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end) return std::nullopt;
  }
  // system_clock counts nanoseconds in 64 bits: years outside 1970..2200 would overflow
  if (tm.tm_year < 70 || tm.tm_year > 300) return std::nullopt;
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

std::optional<std::chrono::milliseconds> clockSkew(std::string_view serverTime,
                                                   std::chrono::system_clock::time_point localNow) {
  auto server = parseServerTime(serverTime);
  if (!server) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*server - localNow);
}

}  // namespace driftless::aws
