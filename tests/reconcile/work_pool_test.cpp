// forEachBounded (reconcile/work_pool.h): the bound, and a call that waits for
// something holding none of what the bound is for (an observer waiting for the
// bulk tag listing holds no request) lets the next calls run meanwhile.
#include "reconcile/work_pool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace driftless::reconcile {
namespace {

TEST(WorkPool, RunsEveryCallAtMostConcurrencyAtATime) {
  asio::io_context io;
  std::size_t running = 0, peak = 0, calls = 0;
  std::function<Awaitable<void>(std::size_t)> fn = [&](std::size_t) -> Awaitable<void> {
    ++running;
    ++calls;
    peak = std::max(peak, running);
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer yield(ex, std::chrono::steady_clock::time_point{});
    co_await yield.async_wait(asio::use_awaitable);
    --running;
  };
  asio::co_spawn(io, forEachBounded(10, 3, fn), asio::detached);
  io.run();
  EXPECT_EQ(calls, 10u);
  EXPECT_EQ(peak, 3u);
}

// One slot. Call 0 waits for call 3 (the listing it needs finishes later) and
// says so through the hook: calls 1, 2 and 3 run meanwhile, then call 0 ends.
// Without the hook the pool would hold its one slot for call 0 until the
// fail-safe timer (a minute) fired, and the order would be 0, 1, 2, 3.
TEST(WorkPool, ACallWaitingThroughTheHookLetsTheNextOnesRun) {
  asio::io_context io;
  asio::steady_timer listing(io, std::chrono::minutes(1));
  std::function<void(bool)> waiting;
  std::vector<std::size_t> finished;
  std::size_t running = 0, peakNotWaiting = 0, waiters = 0;
  std::function<Awaitable<void>(std::size_t)> fn = [&](std::size_t i) -> Awaitable<void> {
    ++running;
    peakNotWaiting = std::max(peakNotWaiting, running - waiters);
    if (i == 0) {
      ++waiters;
      waiting(true);
      boost::system::error_code ec;
      co_await listing.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      waiting(false);
      --waiters;
    }
    if (i == 3) listing.cancel();
    finished.push_back(i);
    --running;
  };
  bool done = false;
  auto all = [&]() -> Awaitable<void> {
    co_await forEachBounded(4, 1, fn, &waiting);
    done = true;
  };
  asio::co_spawn(io, all(), asio::detached);
  io.run();
  EXPECT_TRUE(done);
  EXPECT_EQ(finished, (std::vector<std::size_t>{1, 2, 3, 0}));
  EXPECT_EQ(peakNotWaiting, 1u) << "the bound holds for the calls that do not wait";
  EXPECT_FALSE(waiting) << "the hook is cleared when the pool ends";
}

}  // namespace
}  // namespace driftless::reconcile
