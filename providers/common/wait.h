#pragma once
// Bounded waiting with capped exponential backoff, for resources that become
// usable asynchronously (DynamoDB tables and indexes in CREATING/UPDATING).
#include <chrono>
#include <functional>
#include <string>

#include "providers/asio.h"
#include "providers/error.h"

namespace driftless::common {

struct WaitOptions {
  std::chrono::milliseconds initialDelay{100};
  std::chrono::milliseconds maxDelay{5000};
  // After this much waiting the result is an Error of kind Waiting, so the
  // reconciler retries the resource later instead of blocking the cycle.
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds retryAfter{std::chrono::seconds(30)};
};

// Suspends the calling coroutine for `d` on its executor.
Awaitable<void> sleepFor(std::chrono::milliseconds d);

// Calls `ready` until it returns true (done) or an error, sleeping with
// doubling delays between calls. `what` names the wait in the timeout error
// ("table orders to become ACTIVE").
Awaitable<Result<void>> waitUntil(std::function<Awaitable<Result<bool>>()> ready, std::string what,
                                  WaitOptions options = {});

}  // namespace driftless::common
