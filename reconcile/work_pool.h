#pragma once
// Bounded parallelism for coroutines on one executor: observe and execute run
// at most N provider calls at a time (SPEC §4 "bounded concurrency").
#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>

#include "providers/asio.h"

namespace driftless::reconcile {

namespace detail {

struct PoolState {
  explicit PoolState(const asio::any_io_executor& ex)
      : done(ex, asio::steady_timer::time_point::max()) {}
  std::size_t next = 0;
  std::size_t count = 0;
  std::size_t running = 0;
  std::size_t owed = 0;  // workers lent to waiting calls and not yet given back
  asio::steady_timer done;
};

inline Awaitable<void> poolWorker(std::shared_ptr<PoolState> s,
                                  const std::function<Awaitable<void>(std::size_t)>* fn) {
  while (s->next < s->count) {
    std::size_t i = s->next++;
    try {
      co_await (*fn)(i);
    } catch (...) {
      // fn reports its own failures; an escaped exception must not stall the pool.
    }
    if (s->owed > 0) {  // a call that waited has resumed: one worker too many
      --s->owed;
      break;
    }
  }
  if (--s->running == 0) s->done.cancel();
}

}  // namespace detail

// Calls fn(0..n-1), at most `concurrency` at a time, in index order of start,
// and returns when all have finished. fn must not throw (exceptions are
// swallowed so the pool always completes).
// `waiting`, when given, is set for the pool's lifetime to a hook a call uses
// around a wait that holds nothing the bound is for (a call waiting for a bulk
// listing holds no request): hook(true) lets one more call start, hook(false)
// on resuming takes that back when a call next finishes.
inline Awaitable<void> forEachBounded(std::size_t n, std::size_t concurrency,
                                      std::function<Awaitable<void>(std::size_t)> fn,
                                      std::function<void(bool)>* waiting = nullptr) {
  if (n == 0) co_return;
  auto ex = co_await asio::this_coro::executor;
  auto s = std::make_shared<detail::PoolState>(ex);
  s->count = n;
  if (waiting)
    *waiting = [s, ex, f = &fn](bool starts) {
      if (!starts) {
        ++s->owed;
      } else if (s->next < s->count) {  // else nothing is left to start
        ++s->running;
        asio::co_spawn(ex, detail::poolWorker(s, f), asio::detached);
      }
    };
  std::size_t workers = std::min(n, std::max<std::size_t>(1, concurrency));
  s->running = workers;
  for (std::size_t w = 0; w < workers; ++w)
    asio::co_spawn(ex, detail::poolWorker(s, &fn), asio::detached);
  if (s->running > 0) {
    boost::system::error_code ec;
    co_await s->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (waiting) *waiting = nullptr;
}

}  // namespace driftless::reconcile
