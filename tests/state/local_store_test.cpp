// The shared Store suite on the local backend, and what only the local
// backend does (files, atomic writes, flock).
#include <sys/stat.h>

#include <fstream>

#include "tests/state/store_suite.h"

namespace driftless::state::testutil {
namespace {

namespace fs = std::filesystem;

Backend localBackend() {
  return {"Local", [](asio::io_context&, const fs::path& dataDir) {
            fs::path root = dataDir / "state";
            BackendInstance b;
            b.open = [root](StoreOptions o) { return makeLocalStore(root, std::move(o)); };
            b.rawPut = [root](std::string key, std::string body) -> Awaitable<Result<void>> {
              fs::create_directories((root / key).parent_path());
              std::ofstream(root / key, std::ios::binary | std::ios::trunc) << body;
              co_return Result<void>{};
            };
            return b;
          }};
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::Values(localBackend()), backendName);

class LocalStoreTest : public ::testing::Test {
 protected:
  template <typename T>
  T run(Awaitable<T> task) {
    return testutil::run(io_, std::move(task));
  }
  fs::path root() const { return dir_.path() / "state"; }

  asio::io_context io_;
  driftless::testing::TempDir dir_;
};

TEST_F(LocalStoreTest, UsesTheSpecKeyLayoutAndLeavesNoTempFiles) {
  auto store = makeLocalStore(root());
  auto rec = sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1234", 3, true);
  ASSERT_TRUE(run(store->writeCycle("dev", rec)));
  ASSERT_TRUE(run(store->writeState("dev", sampleState("dev", "abcdef1"))));
  ASSERT_TRUE(run(store->writeStatus("dev", StatusRecord{.environment = "dev"})));

  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root()))
    if (e.is_regular_file()) files.push_back(e.path().lexically_relative(root()).string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> expected = {
      "dev/drift/2026/11/22/20261122T101500Z-abcdef1-3.json",
      "dev/history/20261122T101500Z-abcdef1-3/execution-log.jsonl",
      "dev/history/20261122T101500Z-abcdef1-3/metadata.json",
      "dev/history/20261122T101500Z-abcdef1-3/plan.json",
      "dev/history/20261122T101500Z-abcdef1-3/state-after.json",
      "dev/history/20261122T101500Z-abcdef1-3/state-before.json",
      "dev/state.json",
      "dev/status.json",
  };
  EXPECT_EQ(files, expected);
}

TEST_F(LocalStoreTest, ExecutionLogIsOneJsonObjectALine) {
  auto store = makeLocalStore(root());
  auto rec = sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1234", 3, false);
  ASSERT_TRUE(run(store->writeCycle("dev", rec)));
  std::ifstream in(root() / "dev/history" / rec.metadata.cycleId / "execution-log.jsonl");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line))
    lines.push_back(line);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], R"({"event":"resource.updated","id":"queues/OrdersQueue"})");
}

TEST_F(LocalStoreTest, AHalfWrittenCycleIsNotListed) {
  // metadata.json is written last: a cycle cut off before it is not listed.
  auto store = makeLocalStore(root());
  fs::create_directories(root() / "dev/history/20261122T101500Z-abcdef1-1");
  std::ofstream(root() / "dev/history/20261122T101500Z-abcdef1-1/plan.json") << "{}";
  auto history = run(store->listHistory("dev", 0));
  ASSERT_TRUE(history);
  EXPECT_TRUE(history->empty());
}

TEST_F(LocalStoreTest, TheLeaseIsHeldUntilReleasedEvenPastItsTtl) {
  // flock has no expiry: a live process keeps the lease; a dead one loses it.
  TimePoint now = at("2026-11-22T10:00:00Z");
  StoreOptions opts;
  opts.clock = [&now] { return now; };
  auto a = makeLocalStore(root(), opts);
  auto b = makeLocalStore(root(), opts);
  auto lease = run(a->acquireLease("dev", "controller-a", std::chrono::seconds(10)));
  ASSERT_TRUE(lease);
  now += std::chrono::minutes(5);
  auto other = run(b->acquireLease("dev", "controller-b", std::chrono::seconds(10)));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::Conflict);
  a.reset();  // the holder's process ends: its flock goes with it
  other = run(b->acquireLease("dev", "controller-b", std::chrono::seconds(10)));
  EXPECT_TRUE(other) << other.error().describe();
}

TEST_F(LocalStoreTest, RenewalWithAStaleTokenFails) {
  auto a = makeLocalStore(root());
  auto lease = run(a->acquireLease("dev", "controller-a", std::chrono::seconds(10)));
  ASSERT_TRUE(lease);
  Lease stale = *lease;
  stale.token = "flock:0000";
  auto renewed = run(a->renewLease(stale, std::chrono::seconds(10)));
  ASSERT_FALSE(renewed);
  EXPECT_EQ(renewed.error().kind, ErrorKind::Conflict);
}

TEST_F(LocalStoreTest, AFormerHolderCannotWriteStateAfterAnotherTookTheLease) {
  auto a = makeLocalStore(root());
  auto b = makeLocalStore(root());
  auto leaseA = run(a->acquireLease("dev", "controller-a", std::chrono::seconds(10)));
  ASSERT_TRUE(leaseA);
  ASSERT_TRUE(run(a->writeState("dev", sampleState("dev", "c0000001"))));
  ASSERT_TRUE(run(a->releaseLease(*leaseA)));
  auto leaseB = run(b->acquireLease("dev", "controller-b", std::chrono::seconds(10)));
  ASSERT_TRUE(leaseB) << leaseB.error().describe();
  auto stale = run(a->writeState("dev", sampleState("dev", "c0000002")));
  ASSERT_FALSE(stale) << "A no longer holds the lease: its write must fail";
  EXPECT_EQ(stale.error().code, "LeaseLost");
  ASSERT_TRUE(run(b->writeState("dev", sampleState("dev", "c0000003"))));
  auto st = run(makeLocalStore(root())->readState("dev"));
  ASSERT_TRUE(st && st->has_value());
  EXPECT_EQ((*st)->commit, "c0000003");
  EXPECT_EQ((*st)->lease, "controller-b " + leaseB->token);
}

TEST_F(LocalStoreTest, HasNoSpool) {
  auto store = makeLocalStore(root());
  EXPECT_EQ(store->spoolDepth(), 0u);
  auto flushed = run(store->flushSpool());
  ASSERT_TRUE(flushed);
  EXPECT_EQ(*flushed, 0u);
}

}  // namespace
}  // namespace driftless::state::testutil
