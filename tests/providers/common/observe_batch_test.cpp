// ObserveBatch (providers/common/observe_batch.h): the ids an observation
// expects, and one bulk read per key however many observers ask for it at once.
#include "providers/common/observe_batch.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace driftless::common {
namespace {

TEST(ObserveBatch, KnowsTheIdsOfEachTypeOnceAndForgetsThemOnClear) {
  ObserveBatch batch;
  batch.expect("AWS::EC2::Subnet", "subnet-1");
  batch.expect("AWS::EC2::Subnet", "subnet-2");
  batch.expect("AWS::EC2::Subnet", "subnet-1");
  batch.expect("AWS::EC2::Subnet", "");  // not created yet: nothing to read
  batch.expect("AWS::EC2::VPC", "vpc-1");
  EXPECT_EQ(batch.ids("AWS::EC2::Subnet"), (std::vector<std::string>{"subnet-1", "subnet-2"}));
  EXPECT_TRUE(batch.expects("AWS::EC2::VPC", "vpc-1"));
  EXPECT_FALSE(batch.expects("AWS::EC2::VPC", "subnet-1"));
  batch.clear();
  EXPECT_TRUE(batch.ids("AWS::EC2::Subnet").empty());
  EXPECT_FALSE(batch.expects("AWS::EC2::VPC", "vpc-1"));
}

// Three observers ask at once; the read yields to the io_context midway, so
// the others arrive while it runs and must wait for its answer.
TEST(ObserveBatch, ObserversArrivingDuringTheReadWaitForItsOneAnswer) {
  asio::io_context io;
  ObserveBatch batch;
  int reads = 0;
  std::vector<int> seen;
  ObserveBatch::Reader read = [&]() -> Awaitable<ObserveBatch::Loaded> {
    ++reads;
    auto executor = co_await asio::this_coro::executor;
    asio::steady_timer pause(executor, std::chrono::milliseconds(1));
    co_await pause.async_wait(asio::use_awaitable);
    co_return std::make_shared<const int>(42);
  };
  for (int i = 0; i < 3; ++i)
    asio::co_spawn(
        io,
        [&]() -> Awaitable<void> {
          auto loaded = co_await batch.once("AWS::EC2::Subnet", read);
          seen.push_back(loaded ? *std::static_pointer_cast<const int>(loaded) : -1);
        },
        asio::detached);
  io.run();
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(seen, (std::vector<int>{42, 42, 42}));

  // A failed read (null) is an answer too; after clear() the next asks read again.
  batch.clear();
  ObserveBatch::Reader failing = [&]() -> Awaitable<ObserveBatch::Loaded> {
    ++reads;
    co_return nullptr;
  };
  seen.clear();
  asio::co_spawn(
      io,
      [&]() -> Awaitable<void> {
        auto first = co_await batch.once("AWS::EC2::Subnet", failing);
        auto second = co_await batch.once("AWS::EC2::Subnet", failing);
        seen.push_back(first || second ? 1 : 0);
      },
      asio::detached);
  io.restart();
  io.run();
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(seen, (std::vector<int>{0}));
}

}  // namespace
}  // namespace driftless::common
