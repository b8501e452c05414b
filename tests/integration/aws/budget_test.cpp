// The API budget (providers/aws/budget.h) seen from the wire: a real moto
// behind the fault proxy (tests/support/fault_proxy.h), which counts what it
// receives. A budget of N/s holds over a measured window, and under sustained
// throttling the rate the proxy sees falls (AIMD) instead of a retry storm.
#include "providers/aws/budget.h"

#include <gtest/gtest.h>

#include <vector>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/peer.h"

namespace driftless::aws {
namespace {

using namespace std::chrono_literals;
using driftless::testing::Fault;
using driftless::testing::FaultProxy;
using driftless::testing::MotoServer;
using driftless::testing::sharedMoto;
using Clock = std::chrono::steady_clock;

MotoServer& moto() {
  return sharedMoto({.verifySignatures = true});
}

class ApiBudgetWireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_THROW(moto());
    proxy_ = std::make_unique<FaultProxy>(moto().endpoint());
  }

  std::unique_ptr<Client> client(std::shared_ptr<ApiBudget> budget, int maxAttempts = 3) {
    ClientConfig config;
    config.region = "us-east-1";
    config.endpointUrl = proxy_->url();
    config.credentials = std::make_shared<StaticCredentialsProvider>(Credentials{
        .accessKeyId = moto().accessKeyId(), .secretAccessKey = moto().secretAccessKey()});
    config.maxAttempts = maxAttempts;
    config.random = [] { return 0.0; };  // retries without backoff: only the budget spaces them
    config.budget = std::move(budget);
    return std::make_unique<Client>(transport_, config);
  }

  // `workers` coroutines send sqs:ListQueues back to back, each until it has sent
  // `perWorker` requests or `deadline` has passed; meanwhile the proxy's count is
  // read at each of `samples` (offsets from the start). Returns those counts.
  std::vector<std::size_t> drive(Client& c, int workers, int perWorker, Clock::duration deadline,
                                 std::vector<Clock::duration> samples) {
    const auto start = Clock::now();
    int running = workers;
    auto worker = [&]() -> Awaitable<void> {
      const Value body = Value::object();
      for (int i = 0; i < perWorker && Clock::now() - start < deadline; ++i)
        co_await c.json("sqs", "ListQueues", body);
      --running;
    };
    std::vector<std::size_t> counts;
    bool sampling = true;
    auto sampler = [&]() -> Awaitable<void> {
      asio::steady_timer timer(io_);
      for (auto at : samples) {
        timer.expires_at(start + at);
        co_await timer.async_wait(asio::use_awaitable);
        counts.push_back(proxy_->count());
      }
      sampling = false;
    };
    for (int i = 0; i < workers; ++i)
      asio::co_spawn(io_, worker(), asio::detached);
    asio::co_spawn(io_, sampler(), asio::detached);
    io_.restart();
    while (running > 0 || sampling)
      io_.run_one();
    return counts;
  }

  asio::io_context io_;
  HttpTransport transport_{io_};
  std::unique_ptr<FaultProxy> proxy_;
};

TEST_F(ApiBudgetWireTest, ABudgetOfNPerSecondHoldsOverAMeasuredWindow) {
  // 50/s: a burst of 50, then one every 20 ms. 100 requests from 10 workers
  // need about a second; moto alone would answer them in a fifth of that.
  auto budget = std::make_shared<ApiBudget>(std::map<std::string, double>{{"sqs", 50}});
  auto c = client(budget);
  const auto start = Clock::now();
  auto counts = drive(*c, 10, 10, 30s, {500ms});
  const auto took = Clock::now() - start;
  EXPECT_EQ(proxy_->count(), 100u);
  EXPECT_EQ(proxy_->faultsInjected(), 0u);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_LE(counts[0], 50u + 25u + 5u) << "burst + 0.5 s at 50/s (+ slack)";
  EXPECT_GE(took, 900ms) << "(100 - 50 burst) / 50 per second = 1 s";
  EXPECT_LT(took, 10s);
  EXPECT_DOUBLE_EQ(budget->limiter("sqs", "us-east-1").rate(), 50) << "no throttling, no cut";
}

TEST_F(ApiBudgetWireTest, SustainedThrottlingLowersTheRateTheProxySees) {
  // Every request is throttled, and four workers send again the moment an answer
  // comes (no backoff): only the budget stands between the controller and a
  // storm. At a fixed 40/s the proxy would see ~120 requests in 3 s; AIMD halves
  // the rate each second (40 → 20 → 10 → 5), so it sees far fewer, and fewer each
  // second. (One attempt per request, so the queue left at the deadline drains
  // in about a second at the lowered rate.)
  proxy_->failNext({.match = {.service = "sqs"}, .fault = Fault::Throttle, .count = -1});
  auto budget = std::make_shared<ApiBudget>(std::map<std::string, double>{{"sqs", 40}});
  auto c = client(budget, 1);
  auto counts = drive(*c, 4, 1000, 3s, {1s, 2s, 3s});
  ASSERT_EQ(counts.size(), 3u);
  const std::size_t first = counts[0], second = counts[1] - counts[0],
                    third = counts[2] - counts[1];
  EXPECT_LE(counts[2], 70u) << first << " + " << second << " + " << third;
  EXPECT_LT(third, first) << first << " + " << second << " + " << third;
  EXPECT_LE(third, 12u) << first << " + " << second << " + " << third;
  EXPECT_GE(proxy_->faultsInjected(), counts[2]) << "every request was throttled";
  EXPECT_LE(budget->limiter("sqs", "us-east-1").rate(), 10.0);
  const auto entries = budget->snapshot();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_GE(entries[0].throttled, counts[2]);
}

}  // namespace
}  // namespace driftless::aws
