// Replicas that share environments (issue 16): three daemons with the same
// controller id and one state bucket share 30 environments 9-11 each; one is
// SIGKILLed and the other two take its environments within two lease
// periods; no environment ever runs cycles of two replicas at once.
#include <csignal>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "providers/asio.h"
#include "tests/e2e/harness.h"

namespace driftless::e2e {
namespace {

using Clock = std::chrono::steady_clock;

std::string field(const Value& v, const char* key) {
  const Value* f = v.find(key);
  if (!f) return "";
  return f->isString() ? f->asString() : f->toJson();
}

int readyz(int port) {
  namespace http = boost::beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
  if (ec) return 0;
  http::request<http::empty_body> req{http::verb::get, "/readyz", 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return static_cast<int>(res.result_int());
}

// The environments a replica holds, from `status -o json` on its control socket.
std::set<std::string> holds(const Scenario& s, const std::string& config) {
  int rc = 0;
  std::string out = s.cli({"status", "--config", config, "-o", "json"}, &rc);
  std::set<std::string> held;
  auto parsed = Value::fromJson(out);
  if (rc != 0 || !parsed || !parsed->isArray()) return held;
  for (const auto& e : parsed->asArray())
    if (const Value* h = e.find("holdsLease"); h && h->isBool() && h->asBool())
      held.insert(field(e, "env"));
  return held;
}

struct Interval {
  std::int64_t start = 0, end = 0;
  std::string instance;
};

TEST(Replicas, ThreeReplicasShareThirtyEnvironmentsAndTakeOverADeadOnesShare) {
  ConfigOptions options;
  options.environments.clear();
  std::vector<std::string> names;
  for (int i = 0; i < 30; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "r%02d", i);
    names.push_back(name);
    // 3 s interval: a lease period (3 x interval, at least 10 s) of 10 s.
    options.environments.push_back({name, true, true, "3s", "1s"});
  }
  Scenario s(options);
  for (const auto& n : names)
    s.push(n, {{"q.yaml", s.queues({"q"})}});  // a first cycle that is recorded in history
  std::vector<std::string> configs = {s.config()};
  for (int r = 1; r < 3; ++r) {
    ConfigOptions o = options;
    o.dataDirName = "data" + std::to_string(r);
    o.socketName = "control" + std::to_string(r) + ".sock";
    configs.push_back(s.writeConfig(o, "replica" + std::to_string(r) + ".yaml"));
  }
  std::vector<std::unique_ptr<Daemon>> replicas;
  for (int r = 0; r < 3; ++r)
    replicas.push_back(s.start(configs[r], "replica" + std::to_string(r)));
  const auto period = std::chrono::seconds(10);

  // Shared 9-11 each, every environment held once.
  auto shared = [&](int live) {
    std::size_t total = 0;
    std::set<std::string> all;
    std::vector<std::size_t> counts;
    for (int r = 0; r < live; ++r) {
      auto h = holds(s, configs[r]);
      counts.push_back(h.size());
      total += h.size();
      all.insert(h.begin(), h.end());
    }
    return std::make_pair(counts, total == 30 && all.size() == 30);
  };
  std::vector<std::size_t> counts;
  bool settled = false;
  for (auto deadline = Clock::now() + 4 * period; Clock::now() < deadline && !settled;) {
    auto [c, complete] = shared(3);
    counts = c;
    settled = complete &&
              std::all_of(c.begin(), c.end(), [](std::size_t n) { return n >= 9 && n <= 11; });
    if (!settled) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ASSERT_TRUE(settled) << "holds " << counts[0] << "/" << counts[1] << "/" << counts[2] << "\n"
                       << replicas[0]->log();
  // Ready whatever it holds.
  EXPECT_EQ(readyz(s.httpPort()), 200);

  // SIGKILL one: the two others take its environments within two lease periods.
  auto dead = holds(s, configs[2]);
  replicas[2]->process().signal(SIGKILL);
  auto killedAt = Clock::now();
  bool taken = false;
  while (Clock::now() < killedAt + 3 * period && !taken) {
    auto [c, complete] = shared(2);
    counts = c;
    taken = complete;
    if (!taken) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  auto takeover = Clock::now() - killedAt;
  ASSERT_TRUE(taken) << "holds " << counts[0] << "/" << counts[1] << " after 3 lease periods";
  EXPECT_LE(takeover, 2 * period)
      << std::chrono::duration_cast<std::chrono::milliseconds>(takeover).count() << " ms";
  for (auto c : counts)
    EXPECT_LE(c, 16u) << "at most ceil(30 / 2) + 1 each";
  std::printf("takeover of %zu environments: %lld ms (lease period 10 s)\n", dead.size(),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(takeover).count()));

  // No environment ever ran cycles of two replicas at the same time.
  std::map<std::string, std::vector<Interval>> cycles;
  for (const auto& d : replicas)
    for (const auto& e : d->events()) {
      if (field(e, "event") != "cycle.finished" || field(e, "result") == "skipped") continue;
      // From when the cycle held the lease to when it finished.
      const Value* start = e.find("startMs");
      const Value* end = e.find("endMs");
      if (!start || !start->isInt() || !end || !end->isInt()) continue;
      cycles[field(e, "env")].push_back({start->asInt(), end->asInt(), field(e, "instance")});
    }
  // ...and the history records say the same (a no-op cycle writes none, so
  // they are fewer): each names its replica and when it held the lease.
  std::string records = s.python(
      "import json\nc = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "for page in c.get_paginator('list_objects_v2').paginate(Bucket='" +
      s.bucket() +
      "', Prefix='driftless/'):\n"
      "  for o in page.get('Contents', []):\n"
      "    if o['Key'].endswith('/metadata.json'):\n"
      "      m = json.loads(c.get_object(Bucket='" +
      s.bucket() +
      "', Key=o['Key'])['Body'].read())\n"
      "      print(m['environment'], m.get('leasedMs', 0), m.get('endMs', 0), "
      "m.get('instance', ''))");
  std::istringstream lines(records);
  std::size_t fromHistory = 0;
  for (std::string env, instance; lines >> env;) {
    Interval i;
    lines >> i.start >> i.end >> instance;
    i.instance = instance;
    EXPECT_FALSE(instance.empty() || i.start == 0 || i.end < i.start) << records;
    cycles[env].push_back(i);
    ++fromHistory;
  }
  EXPECT_GE(fromHistory, 30u) << "every environment's first cycle is recorded";
  std::size_t checked = 0;
  for (auto& [env, list] : cycles) {
    std::sort(list.begin(), list.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < list.size(); ++i) {
      ++checked;
      if (list[i].instance == list[i - 1].instance) continue;
      EXPECT_GE(list[i].start, list[i - 1].end)
          << env << ": a cycle of " << list[i].instance << " started while one of "
          << list[i - 1].instance << " ran";
    }
  }
  EXPECT_GT(checked, 60u);
  EXPECT_FALSE(dead.empty());
  for (int r = 0; r < 2; ++r)
    EXPECT_EQ(replicas[r]->process().stop(10000), 0);
}

// Issue 16 C: the state bucket (its own moto) goes away. While the lease is
// provably ours the daemon keeps correcting drift from its own last state
// (nothing pruned, records spooled); once the lease runs out it stops and says so.
TEST(Replicas, AStateBucketOutageKeepsCorrectingDriftWhileTheLeaseLastsThenStops) {
  std::string why;
  auto stateMoto = testing::MotoServer::start({}, &why);
  ASSERT_TRUE(stateMoto) << why;
  ConfigOptions options;
  options.environments = {{"dev", true, true, "3s", "1s"}};
  options.stateEndpointUrl = stateMoto->endpoint();
  Scenario s(options);
  stateMoto->python(
      "boto3.client('s3', endpoint_url=ep, region_name=region).create_bucket(Bucket='" +
      s.bucket() + "')");
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("resource.created", {{"env", "dev"}}), 60000)) << d->log();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));

  stateMoto->stop();
  std::string queue = s.queueName("orders", "dev");
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "c.delete_queue(QueueUrl=c.get_queue_url(QueueName='" +
      queue + "')['QueueUrl'])");
  // No count of the queues here: the daemon's next cycle may already have made it
  // again (its interval is 3 s); the cycle below that created one proves it was gone.
  auto corrected = d->waitFor(
      [](const Value& e) {
        return field(e, "event") == "cycle.finished" && field(e, "result") == "succeeded" &&
               field(e, "error").find("state bucket unreachable") != std::string::npos &&
               field(e, "created") == "1";
      },
      30000);
  ASSERT_TRUE(corrected) << "drift is corrected during the outage\n" << d->log();
  EXPECT_EQ(s.countQueues(queue), 1);

  // The lease cannot be renewed: it is given up before another replica could take it.
  auto lost = d->waitFor(match("lease.lost", {{"env", "dev"}}), 30000);
  ASSERT_TRUE(lost) << d->log();
  EXPECT_NE(field(*lost, "error").find("cannot be reached"), std::string::npos)
      << field(*lost, "error");
  auto stopped = d->waitFor(match("cycle.skipped", {{"env", "dev"}}), 30000);
  ASSERT_TRUE(stopped) << d->log();
  EXPECT_NE(field(*stopped, "reason").find("cannot be reached"), std::string::npos)
      << field(*stopped, "reason") << "\n"
      << d->log();
  // Not ready once the heartbeat could not be written for a lease period.
  bool unready = false;
  for (auto deadline = Clock::now() + std::chrono::seconds(20); !unready && Clock::now() < deadline;
       std::this_thread::sleep_for(std::chrono::milliseconds(200)))
    unready = readyz(s.httpPort()) == 503;
  EXPECT_TRUE(unready);
  EXPECT_EQ(d->process().stop(10000), 0);
}

}  // namespace
}  // namespace driftless::e2e
