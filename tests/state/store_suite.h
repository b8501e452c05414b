#pragma once
// The behaviour every Store backend shares, as ONE parameterized suite.
// Instantiated for the local backend in state_unit_tests (so it also runs
// under ASan) and for the S3 backend against moto in state_integration_tests.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "state/report.h"
#include "state/store.h"
#include "tests/state/store_test_util.h"
#include "tests/support/peer.h"

namespace driftless::state::testutil {

// One backend location (a directory, a bucket + prefix) with a way to open
// Stores on it and to write raw objects behind the Store's back.
struct BackendInstance {
  std::function<std::unique_ptr<Store>(StoreOptions)> open;
  // Writes `body` at the layout key (relative, e.g. "dev/state.json").
  std::function<Awaitable<Result<void>>(std::string, std::string)> rawPut;
  std::shared_ptr<void> keepAlive;
};

struct Backend {
  std::string name;
  // Called once per test, with the test's io_context and a fresh data dir.
  std::function<BackendInstance(asio::io_context&, const std::filesystem::path& dataDir)> create;
};

inline void PrintTo(const Backend& b, std::ostream* os) {
  *os << b.name;
}

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param.name;
}

class StoreSuite : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    instance_ = GetParam().create(io_, dir_.path());
    ASSERT_TRUE(instance_.open) << "backend did not start";
    store_ = instance_.open(StoreOptions{});
  }
  template <typename T>
  T run(Awaitable<T> task) {
    return testutil::run(io_, std::move(task));
  }

  // Takes the lease of dev, writes `state` under it and hands it back to be kept,
  // as a daemon's cycle does at its end.
  Result<Lease> writeKept(const EnvironmentState& state) {
    auto lease = run(store_->acquireLease("dev", "controller-a", std::chrono::seconds(30)));
    if (!lease) return lease;
    if (auto wrote = run(store_->writeState("dev", state)); !wrote)
      return std::unexpected(wrote.error());
    store_->keepState("dev", state);
    return lease;
  }

  asio::io_context io_;
  driftless::testing::TempDir dir_;
  BackendInstance instance_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreSuite, NewEnvironmentHasNoStateStatusOrHistory) {
  auto st = run(store_->readState("dev"));
  ASSERT_TRUE(st) << st.error().describe();
  EXPECT_FALSE(st->has_value());
  auto status = run(store_->readStatus("dev"));
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_FALSE(status->has_value());
  auto history = run(store_->listHistory("dev", 0));
  ASSERT_TRUE(history) << history.error().describe();
  EXPECT_TRUE(history->empty());
}

TEST_P(StoreSuite, StateRoundTrips) {
  EnvironmentState written = sampleState("dev", "abcdef1234");
  ASSERT_TRUE(run(store_->writeState("dev", written)));
  auto read = run(store_->readState("dev"));
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(stateToValue(**read), stateToValue(written));
  const AppliedResource* q = (*read)->find({"queues", "OrdersQueue"});
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->deletionPolicy, "Retain");
  EXPECT_EQ(q->dependencies, std::vector<std::string>{"queues/OrdersDLQ"});

  // A second write replaces the whole document.
  written.stacks.erase("queues");
  ASSERT_TRUE(run(store_->writeState("dev", written)));
  read = run(store_->readState("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_EQ((*read)->resourceCount(), 0u);
}

TEST_P(StoreSuite, CorruptOrTruncatedStateIsReportedAsCorrupt) {
  std::string good = stateToJson(sampleState("dev", "abcdef1"));
  std::string tampered = good;
  tampered.replace(tampered.find("345600"), 6, "999999");
  struct Case {
    std::string why;
    std::string body;
  } cases[] = {
      {"truncated", good.substr(0, good.size() / 2)},
      {"edited by hand (checksum mismatch)", tampered},
      {"not JSON", "\x01\x02garbage"},
      {"empty", ""},
  };
  for (const auto& c : cases) {
    ASSERT_TRUE(run(instance_.rawPut("dev/state.json", c.body))) << c.why;
    auto read = run(store_->readState("dev"));
    ASSERT_FALSE(read) << c.why;
    EXPECT_TRUE(isCorruptState(read.error())) << c.why << ": " << read.error().describe();
    EXPECT_NE(read.error().message.find("state rebuild"), std::string::npos) << c.why;
  }
}

TEST_P(StoreSuite, StateOfANewerMajorVersionIsRefused) {
  ASSERT_TRUE(run(instance_.rawPut("dev/state.json",
                                   R"({"version": 2, "environment": "dev", "checksum": "x"})")));
  auto read = run(store_->readState("dev"));
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, kNewerVersionCode);
  EXPECT_NE(read.error().message.find("upgrade driftless"), std::string::npos)
      << read.error().message;
}

TEST_P(StoreSuite, StatusRoundTripsWithControllerFields) {
  StatusRecord s;
  s.environment = "dev";
  s.controllerId = "platform-test";
  s.branch = "env/dev";
  s.lastCommit = "abcdef1";
  s.lastResult = "succeeded";
  s.driftCount = 2;
  s.spoolDepth = 3;
  s.extra["nextRunInSeconds"] = 30;
  ASSERT_TRUE(run(store_->writeStatus("dev", s)));
  auto read = run(store_->readStatus("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_EQ(statusToValue(**read), statusToValue(s));
}

TEST_P(StoreSuite, HistoryIsListedNewestFirstAndLimited) {
  TimePoint t0 = at("2026-11-20T10:00:00Z");
  for (int i = 0; i < 3; ++i) {
    auto rec =
        sampleCycle("dev", t0 + std::chrono::hours(i), "c0mmit" + std::to_string(i), i, false);
    ASSERT_TRUE(run(store_->writeCycle("dev", rec)));
  }
  auto all = run(store_->listHistory("dev", 0));
  ASSERT_TRUE(all) << all.error().describe();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].cycleId, "20261120T120000Z-c0mmit2-2");
  EXPECT_EQ((*all)[2].cycleId, "20261120T100000Z-c0mmit0-0");
  EXPECT_EQ((*all)[0].counts.updated, 1);
  EXPECT_EQ((*all)[0].trigger, "interval");
  auto two = run(store_->listHistory("dev", 2));
  ASSERT_TRUE(two);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].cycleId, "20261120T110000Z-c0mmit1-1");
}

TEST_P(StoreSuite, ACycleReadsBackWhole) {
  auto rec = sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1234", 7, true);
  ASSERT_TRUE(run(store_->writeCycle("dev", rec)));
  auto read = run(store_->readHistory("dev", rec.metadata.cycleId));
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(metadataToValue(read->metadata), metadataToValue(rec.metadata));
  EXPECT_EQ(read->plan, rec.plan);
  ASSERT_TRUE(read->stateBefore && read->stateAfter);
  EXPECT_EQ(stateToValue(*read->stateAfter), stateToValue(*rec.stateAfter));
  EXPECT_EQ(read->executionLog, rec.executionLog);
  ASSERT_EQ(read->drift.size(), 1u);
  EXPECT_EQ(read->drift[0].path, "MessageRetentionPeriod");

  auto missing = run(store_->readHistory("dev", "20261122T101500Z-abcdef1-8"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_P(StoreSuite, DriftIsListedSinceADate) {
  const char* days[] = {"2026-11-19T23:59:00Z", "2026-11-20T08:00:00Z", "2026-11-21T09:30:00Z"};
  int n = 0;
  for (const char* day : days) {
    ASSERT_TRUE(run(store_->writeCycle("dev", sampleCycle("dev", at(day), "abcdef1", n++, true))));
  }
  // A cycle without drift writes no drift record.
  ASSERT_TRUE(run(store_->writeCycle(
      "dev", sampleCycle("dev", at("2026-11-21T10:00:00Z"), "abcdef1", 9, false))));
  auto all = run(store_->listDrift("dev", std::nullopt));
  ASSERT_TRUE(all) << all.error().describe();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].timestamp, "2026-11-19T23:59:00Z");  // oldest first

  auto since = run(store_->listDrift("dev", at("2026-11-20T00:00:00Z")));
  ASSERT_TRUE(since);
  ASSERT_EQ(since->size(), 2u);
  EXPECT_EQ((*since)[0].timestamp, "2026-11-20T08:00:00Z");
  // Mid-day: the earlier cycle of that day is left out.
  auto afternoon = run(store_->listDrift("dev", at("2026-11-20T12:00:00Z")));
  ASSERT_TRUE(afternoon);
  ASSERT_EQ(afternoon->size(), 1u);
  EXPECT_EQ((*afternoon)[0].events[0].resource, "queues/OrdersQueue");
}

TEST_P(StoreSuite, RetentionDeletesOldRecordsInSmallBatches) {
  TimePoint now = at("2026-11-22T12:00:00Z");
  for (int i = 0; i < 3; ++i) {
    auto old = sampleCycle("dev", now - std::chrono::days(100 + i), "01d0000", i, true);
    ASSERT_TRUE(run(store_->writeCycle("dev", old)));
  }
  auto fresh = sampleCycle("dev", now - std::chrono::days(1), "f7e5h00", 9, true);
  ASSERT_TRUE(run(store_->writeCycle("dev", fresh)));
  ASSERT_TRUE(run(store_->writeState("dev", sampleState("dev", "f7e5h00"))));

  std::size_t calls = 0, deleted = 0;
  for (;;) {
    auto r = run(store_->applyRetention("dev", now, std::chrono::days(90), 4));
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_LE(r->deleted, 4u);
    deleted += r->deleted;
    ++calls;
    if (!r->more) break;
    ASSERT_LT(calls, 20u) << "retention does not finish";
  }
  EXPECT_GT(calls, 1u) << "a batch of 4 cannot delete 3 cycles of 6 objects at once";
  EXPECT_EQ(deleted, 3u * 6u);  // 5 history files + 1 drift record per old cycle

  auto history = run(store_->listHistory("dev", 0));
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].cycleId, fresh.metadata.cycleId);
  auto drift = run(store_->listDrift("dev", std::nullopt));
  ASSERT_TRUE(drift);
  ASSERT_EQ(drift->size(), 1u);
  auto st = run(store_->readState("dev"));
  ASSERT_TRUE(st && st->has_value()) << "retention never touches state.json";
}

TEST_P(StoreSuite, EnvironmentsAreIsolated) {
  // "dev" must not see "dev2" (a prefix listing that forgot the '/' would).
  ASSERT_TRUE(run(store_->writeCycle(
      "dev2", sampleCycle("dev2", at("2026-11-22T10:00:00Z"), "abcdef1", 1, true))));
  auto history = run(store_->listHistory("dev", 0));
  ASSERT_TRUE(history);
  EXPECT_TRUE(history->empty());
  auto drift = run(store_->listDrift("dev", std::nullopt));
  ASSERT_TRUE(drift);
  EXPECT_TRUE(drift->empty());
}

TEST_P(StoreSuite, BadEnvironmentNamesAreRefused) {
  for (std::string env : {"", "..", "a/b", "dev prod"}) {
    auto r = run(store_->readState(env));
    ASSERT_FALSE(r) << "\"" << env << "\"";
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
  }
}

TEST_P(StoreSuite, SuspendIsPersisted) {
  auto s = run(store_->isSuspended("dev"));
  ASSERT_TRUE(s);
  EXPECT_FALSE(*s);
  ASSERT_TRUE(run(store_->setSuspended("dev", true)));
  auto other = instance_.open(StoreOptions{});
  s = run(other->isSuspended("dev"));
  ASSERT_TRUE(s);
  EXPECT_TRUE(*s) << "a second Store (a restarted controller) sees the suspend";
  ASSERT_TRUE(run(other->setSuspended("dev", false)));
  s = run(store_->isSuspended("dev"));
  ASSERT_TRUE(s);
  EXPECT_FALSE(*s);
}

TEST_P(StoreSuite, OneLeaseHolderAtATime) {
  auto other = instance_.open(StoreOptions{});
  auto a = run(store_->acquireLease("dev", "controller-a", std::chrono::seconds(30)));
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->holder, "controller-a");

  auto b = run(other->acquireLease("dev", "controller-b", std::chrono::seconds(30)));
  ASSERT_FALSE(b) << "two holders at once";
  EXPECT_EQ(b.error().kind, ErrorKind::Conflict);
  EXPECT_NE(b.error().message.find("controller-a"), std::string::npos) << b.error().message;

  auto holder = run(other->leaseHolder("dev"));
  ASSERT_TRUE(holder) << holder.error().describe();
  ASSERT_TRUE(holder->has_value());
  EXPECT_EQ((*holder)->holder, "controller-a");

  // Another environment is independent.
  auto prod = run(other->acquireLease("prod", "controller-b", std::chrono::seconds(30)));
  ASSERT_TRUE(prod) << prod.error().describe();

  auto renewed = run(store_->renewLease(*a, std::chrono::seconds(30)));
  ASSERT_TRUE(renewed) << renewed.error().describe();
  ASSERT_TRUE(run(store_->releaseLease(*renewed)));
  b = run(other->acquireLease("dev", "controller-b", std::chrono::seconds(30)));
  ASSERT_TRUE(b) << "free after release: " << b.error().describe();
  // Releasing a lease no longer held is not an error.
  EXPECT_TRUE(run(store_->releaseLease(*renewed)));
  holder = run(store_->leaseHolder("dev"));
  ASSERT_TRUE(holder && holder->has_value());
  EXPECT_EQ((*holder)->holder, "controller-b");
}

TEST_P(StoreSuite, HistoryAndDriftCommandsPrintARecordedCycle) {
  auto rec = sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1234", 4, true);
  DriftEvent secret;
  secret.resource = "fn/Orders";
  secret.type = "AWS::Lambda::Function";
  secret.path = "Environment.Variables.DB_PASSWORD";
  secret.secret = true;
  secret.expected = Value("hmac-sha256:" + std::string(64, 'a'));
  secret.live = Value("hmac-sha256:" + std::string(64, 'b'));
  rec.drift.push_back(secret);
  ASSERT_TRUE(run(store_->writeCycle("dev", rec)));

  auto history = run(store_->listHistory("dev", 10));
  ASSERT_TRUE(history) << history.error().describe();
  std::string text = formatHistoryText("dev", *history);
  EXPECT_NE(text.find("20261122T101500Z-abcdef1-4  abcdef1234  interval  succeeded  0        1"),
            std::string::npos)
      << text;

  auto drift = run(store_->listDrift("dev", at("2026-11-22T00:00:00Z")));
  ASSERT_TRUE(drift) << drift.error().describe();
  text = formatDriftText("dev", *drift);
  EXPECT_NE(text.find("queues/OrdersQueue  AWS::SQS::Queue        MessageRetentionPeriod"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("(secret)  (secret)"), std::string::npos) << text;
  EXPECT_EQ(text.find("hmac-sha256"), std::string::npos) << text;
  EXPECT_EQ(driftToReportValue("dev", *drift).toJson().find("hmac-sha256"), std::string::npos);
}

// --- the state a cycle keeps (readStateKept / keepState) ----------------------

// Exactly what a read of state.json gives: the members, the lease named by the
// write, and the types of the values (the text of the two is the same).
inline void expectSameAsRead(const EnvironmentState& kept, const EnvironmentState& read) {
  EXPECT_EQ(stateToJson(kept), stateToJson(read));
  EXPECT_EQ(kept.lease, read.lease);
  EXPECT_TRUE(kept.sameContent(read));
}

TEST_P(StoreSuite, AKeptStateIsHandedBackWhileStateJsonIsUnchanged) {
  EnvironmentState written = sampleState("dev", "abcdef1234");
  written.stacks["queues"].resources["OrdersQueue"].properties["Ratio"] = 1.0 / 3.0;
  auto lease = writeKept(written);
  ASSERT_TRUE(lease) << lease.error().describe();

  auto kept = run(store_->readStateKept("dev"));
  ASSERT_TRUE(kept && kept->has_value()) << (kept ? "absent" : kept.error().describe());
  EXPECT_TRUE((*kept)->kept);
  EXPECT_EQ(store_->stateReads().kept, 1u);
  EXPECT_EQ(store_->stateReads().full, 0u);
  auto read = run(store_->readState("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_FALSE((*read)->kept);
  EXPECT_EQ((*read)->lease, "controller-a " + lease->token);
  expectSameAsRead(**kept, **read);

  // Handed back unchanged, it serves the next read too; a read that is not the
  // cycle's (status, unmanaged) never takes it.
  store_->keepState("dev", std::move(**kept));
  ASSERT_TRUE(run(store_->readState("dev")));
  kept = run(store_->readStateKept("dev"));
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_TRUE((*kept)->kept);
  EXPECT_EQ(store_->stateReads().kept, 2u);
  EXPECT_EQ(store_->stateReads().full, 0u);
}

TEST_P(StoreSuite, AnotherWriterIsSeenByTheNextKeptRead) {
  EnvironmentState written = sampleState("dev", "abcdef1234");
  ASSERT_TRUE(writeKept(written));

  // Written behind this store's back (an edit of the bucket, a `state rebuild`).
  EnvironmentState other = sampleState("dev", "0ther00000");
  other.stacks["queues"].resources.erase("OrdersDLQ");
  ASSERT_TRUE(run(instance_.rawPut("dev/state.json", stateToJson(other))));

  auto read = run(store_->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value()) << (read ? "absent" : read.error().describe());
  EXPECT_FALSE((*read)->kept);
  EXPECT_EQ((*read)->commit, "0ther00000");
  EXPECT_EQ((*read)->resourceCount(), 1u);
  EXPECT_EQ(store_->stateReads().full, 1u);
  EXPECT_EQ(store_->stateReads().kept, 0u);

  // What was read is kept in turn; removed behind its back, it is absent.
  store_->keepState("dev", std::move(**read));
  ASSERT_TRUE(run(instance_.rawPut("dev/state.json", stateToJson(written))));
  read = run(store_->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_EQ((*read)->commit, "abcdef1234");
  EXPECT_FALSE((*read)->kept);
}

TEST_P(StoreSuite, AKeptStateIsDroppedWhenTheLeaseChangesOrAWriteFails) {
  EnvironmentState written = sampleState("dev", "abcdef1234");
  auto lease = writeKept(written);
  ASSERT_TRUE(lease) << lease.error().describe();

  // Released and taken again: read whole, whatever the version.
  ASSERT_TRUE(run(store_->releaseLease(*lease)));
  lease = run(store_->acquireLease("dev", "controller-a", std::chrono::seconds(30)));
  ASSERT_TRUE(lease) << lease.error().describe();
  auto read = run(store_->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_FALSE((*read)->kept);
  EXPECT_EQ((*read)->lease, "controller-a " + lease->token);  // the fence's rewrite
  EXPECT_EQ(store_->stateReads().full, 1u);

  // A state nobody read or wrote through this store is refused.
  EnvironmentState stranger = sampleState("dev", "5tranger00");
  store_->keepState("dev", std::move(**read));
  store_->keepState("dev", stranger);  // after the one it took: not lent any more
  read = run(store_->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_TRUE((*read)->kept);
  EXPECT_EQ((*read)->commit, "abcdef1234");

  // A write that fails (another holder wrote state.json) leaves nothing to keep.
  ASSERT_TRUE(run(instance_.rawPut("dev/state.json", stateToJson(stranger))));
  EXPECT_FALSE(run(store_->writeState("dev", written)));
  store_->keepState("dev", written);
  read = run(store_->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_FALSE((*read)->kept);
  EXPECT_EQ((*read)->commit, "5tranger00");
}

TEST_P(StoreSuite, ALeaseRenewedInVainDropsTheKeptState) {
  auto lease = writeKept(sampleState("dev", "abcdef1234"));
  ASSERT_TRUE(lease) << lease.error().describe();
  Lease stale = *lease;
  stale.token = "stale-token";  // as if another controller had taken it over
  auto renewed = run(store_->renewLease(stale, std::chrono::seconds(30)));
  ASSERT_FALSE(renewed);
  EXPECT_EQ(renewed.error().kind, ErrorKind::Conflict);
  auto read = run(store_->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_FALSE((*read)->kept);
  EXPECT_EQ(store_->stateReads().full, 1u);
}

}  // namespace driftless::state::testutil
