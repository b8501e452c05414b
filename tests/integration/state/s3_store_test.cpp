// The S3 backend against a real moto server: the shared Store suite, the
// environment lease with real conditional writes, ListObjectsV2 pagination,
// and the spool across an outage of the peer.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <future>
#include <map>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "tests/state/store_suite.h"

namespace driftless::state::testutil {
namespace {

namespace fs = std::filesystem;
using driftless::testing::MotoServer;
using driftless::testing::sharedMoto;

std::string freshBucketName() {
  static std::atomic<int> n{0};
  return "driftless-state-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

// One HTTP transport and client per test, on the test's io_context.
struct S3Peer {
  S3Peer(asio::io_context& io, const MotoServer& moto) : transport(io) {
    aws::ClientConfig config;
    config.region = "us-east-1";
    config.endpointUrl = moto.endpoint();
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(aws::Credentials{
        .accessKeyId = moto.accessKeyId(), .secretAccessKey = moto.secretAccessKey()});
    config.connectTimeout = std::chrono::milliseconds(2000);
    config.requestTimeout = std::chrono::milliseconds(10000);
    config.stats = stats;
    client = std::make_unique<aws::Client>(transport, config);
  }
  std::uint64_t answered(int status) const {
    auto counts = stats->byServiceStatus();
    auto it = counts.find({"s3", status});
    return it == counts.end() ? 0 : it->second;
  }
  std::shared_ptr<aws::RequestStats> stats = std::make_shared<aws::RequestStats>();
  aws::HttpTransport transport;
  std::unique_ptr<aws::Client> client;
};

Awaitable<Result<void>> createBucket(aws::Client& client, std::string bucket) {
  aws::RestRequest req;
  req.method = "PUT";
  req.path = "/";
  req.bucket = std::move(bucket);
  req.operation = "CreateBucket";
  auto r = co_await client.rest("s3", std::move(req));
  if (!r) co_return std::unexpected(r.error());
  co_return Result<void>{};
}

Awaitable<Result<aws::HttpResponse>> rawPutObject(aws::Client& client, std::string bucket,
                                                  std::string key, std::string body,
                                                  aws::Headers headers) {
  aws::RestRequest req;
  req.method = "PUT";
  req.path = "/" + key;
  req.bucket = std::move(bucket);
  req.body = std::move(body);
  req.headers = std::move(headers);
  req.operation = "PutObject";
  co_return co_await client.rest("s3", std::move(req));
}

Backend s3Backend() {
  return {"S3", [](asio::io_context& io, const fs::path& dataDir) {
            BackendInstance b;
            MotoServer& moto = sharedMoto();
            auto peer = std::make_shared<S3Peer>(io, moto);
            std::string bucket = freshBucketName();
            auto made = run(io, createBucket(*peer->client, bucket));
            if (!made) {
              ADD_FAILURE() << "cannot create bucket " << bucket << ": " << made.error().describe();
              return b;
            }
            S3StoreConfig config{.bucket = bucket,
                                 .prefix = "driftless/",
                                 .spoolDir = dataDir / "spool",
                                 // Small pages: every listing in the suite paginates.
                                 .maxKeys = 2};
            b.open = [peer, config](StoreOptions o) {
              return makeS3Store(*peer->client, config, std::move(o));
            };
            b.rawPut = [peer, bucket](std::string key,
                                      std::string body) -> Awaitable<Result<void>> {
              auto r = co_await rawPutObject(*peer->client, bucket, "driftless/" + key,
                                             std::move(body), aws::Headers{});
              if (!r) co_return std::unexpected(r.error());
              co_return Result<void>{};
            };
            b.keepAlive = peer;
            return b;
          }};
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::Values(s3Backend()), backendName);

class S3StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(sharedMoto());
    peer_ = std::make_unique<S3Peer>(io_, sharedMoto());
    auto made = run(createBucket(*peer_->client, bucket_));
    ASSERT_TRUE(made) << made.error().describe();
  }
  template <typename T>
  T run(Awaitable<T> task) {
    return testutil::run(io_, std::move(task));
  }
  std::unique_ptr<Store> open(StoreOptions options = {}) {
    return makeS3Store(*peer_->client,
                       {.bucket = bucket_, .prefix = "team/driftless", .spoolDir = spoolDir()},
                       std::move(options));
  }
  fs::path spoolDir() const { return dir_.path() / "spool"; }

  // Every key under the bucket with its LastModified, in key order.
  std::map<std::string, std::string> listBucket() {
    aws::RestRequest req;
    req.method = "GET";
    req.path = "/";
    req.bucket = bucket_;
    req.query = {{"list-type", "2"}};
    req.operation = "ListObjectsV2";
    auto r = run(peer_->client->restXml("s3", std::move(req)));
    std::map<std::string, std::string> out;
    if (!r) {
      ADD_FAILURE() << r.error().describe();
      return out;
    }
    for (auto c : r->root().children("Contents"))
      out[c.child_value("Key")] = c.child_value("LastModified");
    return out;
  }

  asio::io_context io_;
  driftless::testing::TempDir dir_;
  std::unique_ptr<S3Peer> peer_;
  std::string bucket_ = freshBucketName();
};

TEST_F(S3StoreTest, MotoEnforcesConditionalPuts) {
  // What the lease relies on, checked on the peer itself: a second
  // If-None-Match: * PUT and a PUT with a stale If-Match both get 412.
  aws::Headers ifNone{{"If-None-Match", "*"}};
  auto first = run(rawPutObject(*peer_->client, bucket_, "lock", "a", ifNone));
  ASSERT_TRUE(first) << first.error().describe();
  std::string etag(first->header("etag").value_or(""));
  ASSERT_FALSE(etag.empty());
  auto second = run(rawPutObject(*peer_->client, bucket_, "lock", "b", ifNone));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().httpStatus, 412);
  auto matched = run(rawPutObject(*peer_->client, bucket_, "lock", "c", {{"If-Match", etag}}));
  ASSERT_TRUE(matched) << matched.error().describe();
  auto stale = run(rawPutObject(*peer_->client, bucket_, "lock", "d", {{"If-Match", etag}}));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().httpStatus, 412);
}

// The kept state is confirmed by a GET with If-None-Match: <ETag> that moto (like
// S3) answers 304 without the body; a changed object comes back whole (200).
TEST_F(S3StoreTest, AKeptStateCostsAConditionalGetAnswered304) {
  auto store = open();
  ASSERT_TRUE(run(store->acquireLease("dev", "controller-a", std::chrono::seconds(30))));
  EnvironmentState written = sampleState("dev", "abcdef1234");
  ASSERT_TRUE(run(store->writeState("dev", written)));
  store->keepState("dev", written);

  std::uint64_t ok = peer_->answered(200), notModified = peer_->answered(304);
  auto kept = run(store->readStateKept("dev"));
  ASSERT_TRUE(kept && kept->has_value()) << (kept ? "absent" : kept.error().describe());
  EXPECT_TRUE((*kept)->kept);
  EXPECT_EQ(peer_->answered(304), notModified + 1);
  EXPECT_EQ(peer_->answered(200), ok);  // no full GET of state.json

  store->keepState("dev", std::move(**kept));
  EnvironmentState other = sampleState("dev", "0ther00000");
  std::string body = stateToJson(other);
  ASSERT_TRUE(run(rawPutObject(*peer_->client, bucket_, "team/driftless/dev/state.json", body,
                               aws::Headers{})));
  ok = peer_->answered(200);
  auto read = run(store->readStateKept("dev"));
  ASSERT_TRUE(read && read->has_value());
  EXPECT_FALSE((*read)->kept);
  EXPECT_EQ((*read)->commit, "0ther00000");
  EXPECT_EQ(peer_->answered(200), ok + 1);
  EXPECT_EQ(peer_->answered(304), notModified + 1);
}

TEST_F(S3StoreTest, TwoControllersCompeteForALease) {
  TimePoint now = at("2026-11-22T10:00:00Z");
  StoreOptions clock;
  clock.clock = [&now] { return now; };
  auto a = open(clock);
  auto b = open(clock);
  const auto ttl = std::chrono::seconds(30);

  // Both try at once: exactly one wins.
  auto fromA = run(a->acquireLease("prod", "controller-a", ttl));
  auto fromB = run(b->acquireLease("prod", "controller-b", ttl));
  ASSERT_NE(bool(fromA), bool(fromB)) << "exactly one holder";
  ASSERT_TRUE(fromA) << fromA.error().describe();
  EXPECT_EQ(fromB.error().kind, ErrorKind::Conflict);
  EXPECT_NE(fromB.error().message.find("held by controller-a until 2026-11-22T10:00:30Z"),
            std::string::npos)
      << fromB.error().message;

  // The holder renews in time: still held, by A, past the first expiry.
  now += std::chrono::seconds(20);
  auto renewed = run(a->renewLease(*fromA, ttl));
  ASSERT_TRUE(renewed) << renewed.error().describe();
  now += std::chrono::seconds(20);
  fromB = run(b->acquireLease("prod", "controller-b", ttl));
  ASSERT_FALSE(fromB) << "A renewed; its lease runs until 10:00:50";

  // A stops renewing (hung, partitioned): after expiry B takes over.
  now += std::chrono::seconds(11);
  fromB = run(b->acquireLease("prod", "controller-b", ttl));
  ASSERT_TRUE(fromB) << fromB.error().describe();
  auto holder = run(a->leaseHolder("prod"));
  ASSERT_TRUE(holder && holder->has_value());
  EXPECT_EQ((*holder)->holder, "controller-b");
  EXPECT_EQ((*holder)->renewInterval, std::chrono::seconds(10));

  // A wakes up: its renewal carries a stale etag and fails; it must stop.
  auto late = run(a->renewLease(*renewed, ttl));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind, ErrorKind::Conflict);
  EXPECT_NE(late.error().message.find("was lost"), std::string::npos) << late.error().message;
  // ...and cannot simply take it back while B's lease is live.
  auto retake = run(a->acquireLease("prod", "controller-a", ttl));
  ASSERT_FALSE(retake);
  // A's release on its way out does not free B's lease.
  EXPECT_TRUE(run(a->releaseLease(*renewed)));
  holder = run(a->leaseHolder("prod"));
  ASSERT_TRUE(holder && holder->has_value());
  EXPECT_EQ((*holder)->holder, "controller-b");

  // B stops cleanly: the lease is free at once, no expiry to wait for.
  ASSERT_TRUE(run(b->releaseLease(*fromB)));
  retake = run(a->acquireLease("prod", "controller-a", ttl));
  EXPECT_TRUE(retake) << retake.error().describe();
}

// A controller restarted on the same host after a crash takes its dead
// predecessor's lease at once; a live process's lease (another replica on this
// host) and another host's are honoured until they expire.
TEST_F(S3StoreTest, ARestartedControllerTakesTheLeaseOfItsDeadProcessAtOnce) {
  auto store = open();
  const auto ttl = std::chrono::seconds(60);
  pid_t dead = fork();
  if (dead == 0) _exit(0);
  ASSERT_GT(dead, 0);
  ASSERT_EQ(waitpid(dead, nullptr, 0), dead);  // reaped: the pid names no process
  const std::string self = "ctl@host-1:" + std::to_string(getpid());
  const std::string crashed = "ctl@host-1:" + std::to_string(dead);

  ASSERT_TRUE(run(store->acquireLease("crash", crashed, ttl)));
  auto taken = run(store->acquireLease("crash", self, ttl));
  ASSERT_TRUE(taken) << taken.error().describe();

  // A live replica on this host (our parent process), or one elsewhere: held.
  const std::string live = "ctl@host-1:" + std::to_string(getppid());
  ASSERT_TRUE(run(store->acquireLease("live", live, ttl)));
  auto refused = run(store->acquireLease("live", self, ttl));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("held by " + live), std::string::npos);
  ASSERT_TRUE(run(store->acquireLease("remote", "ctl@host-2:" + std::to_string(dead), ttl)));
  EXPECT_FALSE(run(store->acquireLease("remote", self, ttl)));
  ASSERT_TRUE(run(store->acquireLease("other", "other-ctl@host-1:" + std::to_string(dead), ttl)));
  EXPECT_FALSE(run(store->acquireLease("other", self, ttl))) << "another controller id";
}

TEST_F(S3StoreTest, ConcurrentAttemptsHaveExactlyOneWinner) {
  // The attempts run interleaved on one io_context (their requests in flight
  // together), first for a free lease, then to take over an expired one.
  TimePoint now = at("2026-11-22T10:00:00Z");
  StoreOptions clock;
  clock.clock = [&now] { return now; };
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < 4; ++i)
    stores.push_back(open(clock));
  auto race = [&] {
    std::vector<std::future<Result<Lease>>> attempts;
    for (std::size_t i = 0; i < stores.size(); ++i) {
      attempts.push_back(
          asio::co_spawn(io_,
                         stores[i]->acquireLease("race", "controller-" + std::to_string(i),
                                                 std::chrono::seconds(30)),
                         asio::use_future));
    }
    io_.restart();
    io_.run();
    std::vector<std::string> winners;
    for (auto& f : attempts) {
      auto r = f.get();
      if (r) {
        winners.push_back(r->holder);
      } else {
        EXPECT_EQ(r.error().kind, ErrorKind::Conflict) << r.error().describe();
      }
    }
    return winners;
  };
  auto first = race();
  ASSERT_EQ(first.size(), 1u) << "free lease: exactly one winner";
  now += std::chrono::seconds(31);  // the winner stops renewing
  auto second = race();
  ASSERT_EQ(second.size(), 1u) << "expired lease: exactly one takes it over";
  auto holder = run(stores[0]->leaseHolder("race"));
  ASSERT_TRUE(holder && holder->has_value());
  EXPECT_EQ((*holder)->holder, second[0]);
}

TEST_F(S3StoreTest, LockObjectSaysWhoHoldsItUntilWhen) {
  TimePoint now = at("2026-11-22T10:00:00Z");
  auto store = open({.clock = [&now] { return now; }});
  auto lease = run(store->acquireLease("dev", "platform-prod/host-1", std::chrono::seconds(60)));
  ASSERT_TRUE(lease) << lease.error().describe();
  auto keys = listBucket();
  ASSERT_TRUE(keys.contains("team/driftless/dev/lock"));
  aws::RestRequest req;
  req.path = "/team/driftless/dev/lock";
  req.bucket = bucket_;
  req.operation = "GetObject";
  auto body = run(peer_->client->rest("s3", std::move(req)));
  ASSERT_TRUE(body);
  auto v = Value::fromJson(body->body);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v->find("holder"), Value("platform-prod/host-1"));
  EXPECT_EQ(*v->find("expires"), Value("2026-11-22T10:01:00Z"));
  EXPECT_EQ(*v->find("renewIntervalMs"), Value(20000));
}

TEST_F(S3StoreTest, RecordsGoUnderThePrefixWithContentMd5) {
  auto store = open();
  auto rec = sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1234", 1, true);
  ASSERT_TRUE(run(store->writeCycle("dev", rec)));
  ASSERT_TRUE(run(store->writeState("dev", sampleState("dev", "abcdef1"))));
  std::vector<std::string> keys;
  for (const auto& [k, t] : listBucket())
    keys.push_back(k);
  std::vector<std::string> expected = {
      "team/driftless/dev/drift/2026/11/22/20261122T101500Z-abcdef1-1.json",
      "team/driftless/dev/history/20261122T101500Z-abcdef1-1/execution-log.jsonl",
      "team/driftless/dev/history/20261122T101500Z-abcdef1-1/metadata.json",
      "team/driftless/dev/history/20261122T101500Z-abcdef1-1/plan.json",
      "team/driftless/dev/history/20261122T101500Z-abcdef1-1/state-after.json",
      "team/driftless/dev/history/20261122T101500Z-abcdef1-1/state-before.json",
      "team/driftless/dev/state.json",
  };
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(store->describe(), "s3://" + bucket_ + "/team/driftless/");
}

TEST_F(S3StoreTest, AMissingBucketIsAnErrorNotASpooledRecord) {
  auto store =
      makeS3Store(*peer_->client, {.bucket = "no-such-bucket-here", .spoolDir = spoolDir()});
  auto w = run(store->writeState("dev", sampleState("dev", "abcdef1")));
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, "NoSuchBucket");
  EXPECT_EQ(store->spoolDepth(), 0u);
}

TEST_F(S3StoreTest, AStaleHolderCannotWriteStateAfterATakeover) {
  // Split brain (issue 16 D): A's cycle outlives its lease, B takes the
  // environment over; A's state write must fail, B's state must stand.
  TimePoint now = at("2026-11-22T10:00:00Z");
  StoreOptions clock;
  clock.clock = [&now] { return now; };
  auto a = open(clock);
  auto b = open(clock);
  const auto ttl = std::chrono::seconds(30);
  auto leaseA = run(a->acquireLease("prod", "controller-a", ttl));
  ASSERT_TRUE(leaseA) << leaseA.error().describe();
  ASSERT_TRUE(run(a->writeState("prod", sampleState("prod", "c0000001"))));

  now += std::chrono::seconds(31);  // A's cycle hangs past its lease
  auto leaseB = run(b->acquireLease("prod", "controller-b", ttl));
  ASSERT_TRUE(leaseB) << leaseB.error().describe();
  auto seen = run(b->readState("prod"));
  ASSERT_TRUE(seen && seen->has_value());
  EXPECT_EQ((*seen)->commit, "c0000001") << "B starts from A's last state";
  EXPECT_EQ((*seen)->lease, "controller-b " + leaseB->token) << "B fenced state.json";

  auto stale = run(a->writeState("prod", sampleState("prod", "c0000002")));
  ASSERT_FALSE(stale) << "the stale writer's write must fail";
  EXPECT_EQ(stale.error().kind, ErrorKind::Conflict);
  EXPECT_EQ(stale.error().code, "LeaseLost");
  EXPECT_NE(stale.error().message.find("the lease was lost"), std::string::npos)
      << stale.error().message;

  ASSERT_TRUE(run(b->writeState("prod", sampleState("prod", "c0000003"))));
  ASSERT_TRUE(run(b->writeState("prod", sampleState("prod", "c0000004"))));
  EXPECT_FALSE(run(a->writeState("prod", sampleState("prod", "c0000005"))));
  auto final = run(open()->readState("prod"));
  ASSERT_TRUE(final && final->has_value());
  EXPECT_EQ((*final)->commit, "c0000004");
}

TEST_F(S3StoreTest, AStaleFirstWriteLosesToTheNewHolder) {
  // No state.json yet: both writers create it with If-None-Match; after B's
  // takeover and first write, A's first write fails.
  TimePoint now = at("2026-11-22T10:00:00Z");
  StoreOptions clock;
  clock.clock = [&now] { return now; };
  auto a = open(clock);
  auto b = open(clock);
  ASSERT_TRUE(run(a->acquireLease("new", "controller-a", std::chrono::seconds(30))));
  now += std::chrono::seconds(31);
  ASSERT_TRUE(run(b->acquireLease("new", "controller-b", std::chrono::seconds(30))));
  ASSERT_TRUE(run(b->writeState("new", sampleState("new", "c0000001"))));
  auto stale = run(a->writeState("new", sampleState("new", "c0000002")));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "LeaseLost");
}

// Last: it restarts the shared moto server (which then starts empty).
TEST_F(S3StoreTest, ZzSpoolKeepsEveryRecordAcrossAnOutage) {
  MotoServer& moto = sharedMoto();
  auto store = open();
  TimePoint t = at("2026-11-22T10:00:00Z");
  ASSERT_TRUE(run(store->writeState("dev", sampleState("dev", "c0000001"))));

  // The peer goes away mid-cycle: between the state write and the history.
  moto.stop();
  std::vector<std::string> order;  // layout keys in the order they were written
  auto cycle2 = sampleCycle("dev", t + std::chrono::minutes(1), "c0000002", 2, true);
  ASSERT_TRUE(run(store->writeCycle("dev", cycle2))) << "spooled, not failed";
  StatusRecord status{.environment = "dev", .lastCycleId = cycle2.metadata.cycleId};
  ASSERT_TRUE(run(store->writeStatus("dev", status)));
  auto cycle3 = sampleCycle("dev", t + std::chrono::minutes(2), "c0000003", 3, true);
  ASSERT_TRUE(run(store->writeCycle("dev", cycle3)));
  ASSERT_TRUE(run(store->writeState("dev", sampleState("dev", "c0000003"))));
  const std::size_t records = 6 + 1 + 6 + 1;
  EXPECT_EQ(store->spoolDepth(), records);

  // Read-your-writes while offline: the spooled state is the current one.
  auto st = run(store->readState("dev"));
  ASSERT_TRUE(st && st->has_value()) << (st ? "" : st.error().describe());
  EXPECT_EQ((*st)->commit, "c0000003");

  // Still down: flushing fails, nothing is lost.
  auto flushed = run(store->flushSpool());
  ASSERT_FALSE(flushed);
  EXPECT_NE(flushed.error().message.find("still spooled"), std::string::npos);
  EXPECT_EQ(store->spoolDepth(), records);

  // The controller restarts meanwhile: the spool is on disk.
  store = open();
  EXPECT_EQ(store->spoolDepth(), records);

  std::string why;
  ASSERT_TRUE(moto.restart(&why)) << why;
  ASSERT_TRUE(run(createBucket(*peer_->client, bucket_)));  // a restarted moto is empty
  flushed = run(store->flushSpool());
  ASSERT_TRUE(flushed) << flushed.error().describe();
  EXPECT_EQ(*flushed, records);
  EXPECT_EQ(store->spoolDepth(), 0u);
  std::error_code ec;
  EXPECT_TRUE(fs::is_empty(spoolDir(), ec));

  auto history = run(store->listHistory("dev", 0));
  ASSERT_TRUE(history) << history.error().describe();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].cycleId, cycle3.metadata.cycleId);
  EXPECT_EQ((*history)[1].cycleId, cycle2.metadata.cycleId);
  auto whole = run(store->readHistory("dev", cycle2.metadata.cycleId));
  ASSERT_TRUE(whole) << whole.error().describe();
  EXPECT_EQ(whole->executionLog, cycle2.executionLog);
  auto drift = run(store->listDrift("dev", std::nullopt));
  ASSERT_TRUE(drift);
  EXPECT_EQ(drift->size(), 2u);
  st = run(store->readState("dev"));
  ASSERT_TRUE(st && st->has_value());
  EXPECT_EQ((*st)->commit, "c0000003") << "the last state written wins";
  auto s = run(store->readStatus("dev"));
  ASSERT_TRUE(s && s->has_value());
  EXPECT_EQ((*s)->lastCycleId, cycle2.metadata.cycleId);

  // Uploaded in the order written: each cycle's metadata.json (written last
  // in its cycle) is no older than the cycle's other files, and cycle 3's
  // files are no older than cycle 2's.
  auto keys = listBucket();
  auto modified = [&](const std::string& rel) { return keys["team/driftless/dev/" + rel]; };
  std::string c2 = "history/" + cycle2.metadata.cycleId + "/";
  std::string c3 = "history/" + cycle3.metadata.cycleId + "/";
  std::vector<std::string> written = {
      c2 + "plan.json",           c2 + "state-before.json", c2 + "state-after.json",
      c2 + "execution-log.jsonl", c2 + "metadata.json",     "status.json",
      c3 + "plan.json",           c3 + "metadata.json",     "state.json"};
  for (std::size_t i = 1; i < written.size(); ++i) {
    ASSERT_FALSE(modified(written[i]).empty()) << written[i];
    EXPECT_LE(modified(written[i - 1]), modified(written[i]))
        << written[i - 1] << " was uploaded after " << written[i];
  }
}

// After the test above (which restarted moto): the state bucket goes away
// while A holds the lease (issue 16 C). A works from its own last state and
// spools its writes with their condition; B takes over after A's lease
// expired; A's spooled state is dropped at upload instead of overwriting B's.
TEST_F(S3StoreTest, ZzzOutageWorksFromTheLocalCopyAndAStaleSpoolIsDropped) {
  MotoServer& moto = sharedMoto();
  TimePoint now = at("2026-11-22T10:00:00Z");
  StoreOptions clock;
  clock.clock = [&now] { return now; };
  auto a = open(clock);
  ASSERT_TRUE(run(a->acquireLease("dev", "controller-a", std::chrono::seconds(30))));
  ASSERT_TRUE(run(a->writeState("dev", sampleState("dev", "c0000001"))));
  auto unfenced = open(clock);

  moto.stop();
  auto offline = run(a->readState("dev"));
  ASSERT_TRUE(offline && offline->has_value()) << (offline ? "" : offline.error().describe());
  EXPECT_EQ((*offline)->commit, "c0000001");
  EXPECT_TRUE((*offline)->localCopy) << "the cycle must know: it does not prune";
  auto other = run(unfenced->readState("dev"));
  EXPECT_FALSE(other) << "without the lease there is no provably fresh state";
  ASSERT_TRUE(run(a->writeState("dev", sampleState("dev", "c0000002")))) << "spooled";
  EXPECT_EQ(a->spoolDepth(), 1u);
  offline = run(a->readState("dev"));
  ASSERT_TRUE(offline && offline->has_value());
  EXPECT_EQ((*offline)->commit, "c0000002");

  std::string why;
  ASSERT_TRUE(moto.restart(&why)) << why;
  ASSERT_TRUE(run(createBucket(*peer_->client, bucket_)));
  now += std::chrono::seconds(31);  // A's lease lapsed during the outage
  // Another replica: its own data directory.
  auto b = makeS3Store(
      *peer_->client,
      {.bucket = bucket_, .prefix = "team/driftless", .spoolDir = dir_.path() / "b"}, clock);
  auto leaseB = run(b->acquireLease("dev", "controller-b", std::chrono::seconds(30)));
  ASSERT_TRUE(leaseB) << leaseB.error().describe();
  ASSERT_TRUE(run(b->writeState("dev", sampleState("dev", "c0000009"))));

  auto flushed = run(a->flushSpool());
  ASSERT_FALSE(flushed);
  EXPECT_EQ(flushed.error().code, "LeaseLost");
  EXPECT_EQ(a->spoolDepth(), 0u);
  auto final = run(b->readState("dev"));
  ASSERT_TRUE(final && final->has_value());
  EXPECT_EQ((*final)->commit, "c0000009") << "the new holder's state stands";
}

}  // namespace
}  // namespace driftless::state::testutil
