// The arithmetic of replicas sharing environments: at most ceil(E/R) + 1
// leases each, and a replica above its share gives one back while a peer is
// below floor(E/R), so 30 environments over 3 replicas end 9-11 each.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "controller/replicas.h"

namespace driftless::controller {
namespace {

Share shareOf(int environments, int live, std::optional<int> leastPeer = std::nullopt) {
  Share s;
  s.environments = environments;
  s.live = live;
  s.leastPeerHolds = leastPeer;
  return s;
}

TEST(ReplicaShare, QuotaIsTheFairShareRoundedUpPlusOne) {
  EXPECT_EQ(shareOf(30, 3).quota(), 11);
  EXPECT_EQ(shareOf(30, 2).quota(), 16);
  EXPECT_EQ(shareOf(31, 3).quota(), 12);
  EXPECT_EQ(shareOf(5, 1).quota(), 6) << "one replica takes everything";
  EXPECT_FALSE(shareOf(30, 3).mayAcquire(10)) << "at its share it makes no lease requests";
  EXPECT_TRUE(shareOf(30, 3).mayAcquire(9));
  EXPECT_EQ(shareOf(30, 3).surplus(30), 19) << "a replica that took all gives back the rest";
}

TEST(ReplicaShare, AReplicaAboveItsShareMakesRoomForOneBelowIt) {
  // 11 / 11 / 8: the one at 8 is below floor(30/3) = 10.
  Share s = shareOf(30, 3, 8);
  EXPECT_EQ(s.surplus(11), 1);
  EXPECT_FALSE(s.mayAcquire(10)) << "at its fair share it leaves the freed lease to the peer";
  EXPECT_TRUE(shareOf(31, 3, 10).mayAcquire(10)) << "nobody is short: up to ceil(31 / 3)";
  EXPECT_EQ(shareOf(30, 3, 10).surplus(11), 0) << "the +1 slack is kept";
}

// Replicas that take free leases in turn and give back surplus converge to 9-11
// each from any start, also when one of them dies.
std::vector<int> settle(std::vector<int> holds, int environments) {
  for (int round = 0; round < 100; ++round) {
    int live = static_cast<int>(holds.size());
    for (std::size_t i = 0; i < holds.size(); ++i) {
      std::optional<int> least;
      for (std::size_t j = 0; j < holds.size(); ++j)
        if (j != i) least = std::min(least.value_or(holds[j]), holds[j]);
      holds[i] -= shareOf(environments, live, least).surplus(holds[i]);
    }
    for (std::size_t i = 0; i < holds.size(); ++i) {
      int free = environments - std::accumulate(holds.begin(), holds.end(), 0);
      std::optional<int> least;
      for (std::size_t j = 0; j < holds.size(); ++j)
        if (j != i) least = std::min(least.value_or(holds[j]), holds[j]);
      while (free > 0 && shareOf(environments, live, least).mayAcquire(holds[i])) {
        ++holds[i];
        --free;
      }
    }
  }
  return holds;
}

TEST(ReplicaShare, ThirtyEnvironmentsOverThreeReplicasSettleAtNineToEleven) {
  for (auto start :
       std::vector<std::vector<int>>{{30, 0, 0}, {0, 0, 0}, {16, 14, 0}, {11, 11, 8}}) {
    auto holds = settle(start, 30);
    EXPECT_EQ(std::accumulate(holds.begin(), holds.end(), 0), 30);
    for (int h : holds) {
      EXPECT_GE(h, 9);
      EXPECT_LE(h, 11);
    }
  }
  // Four replicas: 30 = 8 + 8 + 7 + 7 in some order, whoever started first.
  auto four = settle({10, 10, 10, 0}, 30);
  EXPECT_EQ(std::accumulate(four.begin(), four.end(), 0), 30);
  for (int h : four) {
    EXPECT_GE(h, 7);
    EXPECT_LE(h, 9);
  }
  auto survivors = settle({10, 10}, 30);  // the third died: its 10 are free
  EXPECT_EQ(survivors, (std::vector<int>{15, 15}));
}

}  // namespace
}  // namespace driftless::controller
