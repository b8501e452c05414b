#pragma once
// The API budget: per AWS service and region, a token bucket shared by every
// Client of the process (all environments, the state store, one-shot commands),
// so a controller stays under AWS's documented control-plane rates and never
// answers throttling with a retry storm. The bucket's rate follows AIMD: a
// throttling response halves it (at most once per second), each second of
// successes adds a small step back, up to the configured ceiling.
// Requests wait for their token on an Asio timer, never blocking a thread.
// The clock is injected, so tests check the arithmetic without sleeping.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "providers/asio.h"

namespace driftless::aws {

// One service and region: a token bucket whose refill rate follows AIMD. Thread-safe.
class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  static constexpr double kMinRate = 0.5;  // requests per second; throttling never goes below
  static constexpr std::chrono::seconds kDecreaseInterval{1};  // one halving per interval

  RateLimiter(double ceiling, TimePoint now);

  // Takes a token and returns how long the caller waits before sending (zero
  // when a token is there). Tokens may go negative: each caller gets its own
  // slot in the queue, so waiters need no wake-up list.
  std::chrono::nanoseconds reserve(TimePoint now);
  // A throttling response: halve the rate (once per kDecreaseInterval) and drop
  // the burst, so the next requests are spaced at the new rate.
  void onThrottled(TimePoint now);
  // A response that was not throttling: raise the rate by increaseStep() per
  // second since the last raise (at most one second's worth per call).
  void onSuccess(TimePoint now);

  double rate() const;
  double ceiling() const;
  double increaseStep() const;  // requests/s added per second of success
  double burst() const;         // bucket capacity: one second at the current rate

 private:
  void refill(TimePoint now);
  mutable std::mutex mu_;
  double ceiling_;
  double rate_;
  double tokens_;
  TimePoint refilled_;
  TimePoint lastDecrease_;
  TimePoint lastIncrease_;
  bool decreased_ = false;
};

// A service's documented default rate, for the table in docs/operations.md.
struct BudgetDefault {
  std::string_view service;  // the client's service name (endpoints.cpp)
  double rate;               // requests per second
  std::string_view basis;    // what AWS documents
};

class ApiBudget {
 public:
  using Clock = std::function<RateLimiter::TimePoint()>;

  // `ceilings`: service → requests per second, overriding the defaults
  // (controller.apiBudget). Without `awsDefaults` (clients of an emulator's
  // endpointUrl: AWS's rates say nothing about it) only `ceilings` are limited.
  // `clock` defaults to steady_clock.
  explicit ApiBudget(std::map<std::string, double> ceilings = {}, Clock clock = nullptr,
                     bool awsDefaults = true);

  static const std::vector<BudgetDefault>& defaults();
  // The rate used for a service absent from defaults().
  static constexpr double kUnknownServiceRate = 50;
  static bool knownService(std::string_view service);
  // The service's requests per second; 0 = not limited (no AWS default applies).
  double ceiling(std::string_view service) const;

  RateLimiter& limiter(std::string_view service, std::string_view region);
  // Waits (asynchronously) for the service's token in `region`.
  Awaitable<void> acquire(std::string_view service, std::string_view region);
  // After each response: `throttled` = AWS said slow down (429, Throttling, SlowDown, ...).
  void onResponse(std::string_view service, std::string_view region, bool throttled);

  struct Entry {
    std::string service;
    std::string region;
    double rate = 0;
    double ceiling = 0;
    std::uint64_t throttled = 0;
  };
  // Every (service, region) seen so far, for the metrics.
  std::vector<Entry> snapshot() const;
  RateLimiter::TimePoint now() const { return clock_(); }

 private:
  struct Slot {
    std::unique_ptr<RateLimiter> limiter;
    std::uint64_t throttled = 0;
  };
  Slot& slot(std::string_view service, std::string_view region);
  mutable std::mutex mu_;
  std::map<std::string, double> ceilings_;
  Clock clock_;
  bool awsDefaults_;
  std::map<std::pair<std::string, std::string>, Slot> slots_;
};

}  // namespace driftless::aws
