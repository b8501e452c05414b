#pragma once
// Bounded waiting with capped exponential backoff, for resources that become
// usable asynchronously (DynamoDB tables and indexes in CREATING/UPDATING).
#include <chrono>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

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

// `e` as a known wait: kind Waiting, retried after `after`; `message`, when
// not empty, says the wait in the resource's words.
Error waiting(Error e, std::chrono::seconds after, std::string message = "");

// A create's error `e` when it is one of `codes`, saying the name's previous
// resource is still being deleted: a wait of 10 s, "<what> is still being
// deleted; it can be created again after that". Other errors as they are.
Error stillDeleting(Error e, std::initializer_list<std::string_view> codes, std::string_view what);

}  // namespace driftless::common
