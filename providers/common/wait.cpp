#include "providers/common/wait.h"

#include <algorithm>

#include "providers/common/errors.h"

namespace driftless::common {

Awaitable<void> sleepFor(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

Awaitable<Result<void>> waitUntil(std::function<Awaitable<Result<bool>>()> ready, std::string what,
                                  WaitOptions options) {
  auto start = std::chrono::steady_clock::now();
  auto delay = options.initialDelay;
  for (;;) {
    auto r = co_await ready();
    if (!r) co_return fail(r.error());
    if (*r) co_return Result<void>{};
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (waited >= options.timeout) {
      Error e = Error::make(ErrorKind::Waiting, "still waiting for " + what + " after " +
                                                    std::to_string(waited.count() / 1000) + " s");
      e.retryAfter = options.retryAfter;
      co_return fail(std::move(e));
    }
    co_await sleepFor(std::min(delay, options.timeout - waited));
    delay = std::min(delay * 2, options.maxDelay);
  }
}

Error waiting(Error e, std::chrono::seconds after, std::string message) {
  e.kind = ErrorKind::Waiting;
  e.retryAfter = after;
  if (!message.empty()) e.message = std::move(message);
  return e;
}

Error stillDeleting(Error e, std::initializer_list<std::string_view> codes, std::string_view what) {
  if (!hasCode(e, codes)) return e;
  return waiting(std::move(e), std::chrono::seconds(10),
                 std::string(what) + " is still being deleted; it can be created again after that");
}

}  // namespace driftless::common
