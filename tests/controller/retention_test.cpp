// State retention as the cycle applies it (controller/cycle.h
// applyRetentionIfDue) on the local backend: old history and drift records go,
// recent ones stay, and a no-op cycle inside the hour does not run it again.
#include <gtest/gtest.h>

#include "controller/cycle.h"
#include "tests/state/store_test_util.h"
#include "tests/support/peer.h"

namespace driftless::controller {
namespace {

using state::testutil::run;
using state::testutil::sampleCycle;

state::TimePoint at(const char* text) {
  return *state::parseTimestamp(text);
}

class RetentionTest : public ::testing::Test {
 protected:
  asio::io_context io_;
  testing::TempDir dir_;
  std::unique_ptr<state::Store> store_ = state::makeLocalStore(dir_.path() / "state");
  const std::chrono::milliseconds retention_ = std::chrono::hours(24 * 90);
  const state::TimePoint now_ = at("2026-11-22T12:00:00Z");

  std::vector<std::string> historyIds() {
    std::vector<std::string> ids;
    auto h = run(io_, store_->listHistory("dev", 0));
    EXPECT_TRUE(h) << h.error().describe();
    if (h)
      for (const auto& m : *h)
        ids.push_back(m.cycleId);
    return ids;
  }
  std::size_t driftCount() {
    auto d = run(io_, store_->listDrift("dev", std::nullopt));
    EXPECT_TRUE(d) << d.error().describe();
    return d ? d->size() : 0;
  }
};

TEST_F(RetentionTest, OldHistoryAndDriftGoRecentStay) {
  auto old1 = sampleCycle("dev", now_ - std::chrono::days(120), "01d0001", 1, true);
  auto old2 = sampleCycle("dev", now_ - std::chrono::days(91), "01d0002", 2, true);
  auto fresh = sampleCycle("dev", now_ - std::chrono::days(2), "f7e5h01", 3, true);
  for (const auto* rec : {&old1, &old2, &fresh})
    ASSERT_TRUE(run(io_, store_->writeCycle("dev", *rec)));
  ASSERT_EQ(historyIds().size(), 3u);
  ASSERT_EQ(driftCount(), 3u);

  RetentionSchedule schedule;
  auto r = run(io_, applyRetentionIfDue(*store_, "dev", retention_, schedule, now_));
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->deleted, 2u * 6u);  // 5 history files + 1 drift record per old cycle
  EXPECT_FALSE(r->more);
  EXPECT_EQ(historyIds(), std::vector<std::string>{fresh.metadata.cycleId});
  EXPECT_EQ(driftCount(), 1u);
}

TEST_F(RetentionTest, RunsAtMostHourlyUnlessABacklogRemains) {
  RetentionSchedule schedule;
  ASSERT_TRUE(run(io_, applyRetentionIfDue(*store_, "dev", retention_, schedule, now_)));

  // Written after the first run: a cycle 30 minutes later leaves it alone (no
  // listing on every no-op cycle), a cycle after the hour deletes it.
  auto old = sampleCycle("dev", now_ - std::chrono::days(100), "01d0003", 4, true);
  ASSERT_TRUE(run(io_, store_->writeCycle("dev", old)));
  auto soon = run(io_, applyRetentionIfDue(*store_, "dev", retention_, schedule,
                                           now_ + std::chrono::minutes(30)));
  ASSERT_TRUE(soon);
  EXPECT_EQ(soon->deleted, 0u);
  EXPECT_EQ(historyIds().size(), 1u);
  auto later = run(io_, applyRetentionIfDue(*store_, "dev", retention_, schedule,
                                            now_ + std::chrono::minutes(61)));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->deleted, 6u);
  EXPECT_TRUE(historyIds().empty());

  // A backlog larger than one batch continues on the very next cycles.
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(
        run(io_, store_->writeCycle("dev", sampleCycle("dev", now_ - std::chrono::days(200 + i),
                                                       "01d0004", 10 + i, true))));
  state::TimePoint t = now_ + std::chrono::hours(3);  // due again
  int cycles = 0;
  while (!historyIds().empty() || driftCount() > 0) {
    auto r = run(io_, applyRetentionIfDue(*store_, "dev", retention_, schedule, t, 4));
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_LE(r->deleted, 4u);
    t += std::chrono::minutes(1);
    ASSERT_LT(++cycles, 20) << "the backlog is not worked off cycle after cycle";
  }
  EXPECT_GT(cycles, 1);
}

}  // namespace
}  // namespace driftless::controller
