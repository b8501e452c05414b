// The kind of a cycle's error decides the schedule (controller/schedule.h), seen
// from outside: the daemon's log events and `driftless status`.
#include <gtest/gtest.h>

#include "tests/e2e/harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::e2e {
namespace {

std::int64_t number(const Value& v, const char* key) {
  std::string text = eventField(v, key);
  return text.empty() ? -1 : std::stoll(text);
}

const char* kBroken =
    "Resources:\n  orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueNme: x\n";

// A broken commit is attempted once, then not again (over 10 × retryInterval,
// while the branch is fetched every interval) until the branch moves or a
// resync is asked for; status says why.
TEST(Schedule, ABrokenCommitStallsUntilANewCommitOrAResync) {
  // interval 2s: the stalled environment's branch is looked at every 2 s.
  Scenario s(ConfigOptions{.environments = {{"dev", true, true, "2s", "1s"}}, .http = false});
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));

  std::string broken = s.push("dev", {{"orders.yaml", kBroken}});  // no trigger: the timer finds it
  auto failed = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"commit", broken}}), 20000);
  ASSERT_TRUE(failed) << d->log();
  EXPECT_EQ(eventField(*failed, "result"), "failed");
  EXPECT_EQ(eventField(*failed, "errorKind"), "invalid");
  EXPECT_EQ(eventField(*failed, "stalled"), "true");
  EXPECT_NE(eventField(*failed, "error").find("manifests/orders.yaml:5:7"), std::string::npos);

  // 10 × retryInterval: no other cycle (the branch is fetched, unchanged).
  EXPECT_TRUE(d->noneWithin(match("cycle.finished", {{"env", "dev"}}), 10000))
      << "a stalled environment ran a cycle again: " << d->log();
  int rc = 0;
  std::string status = s.cli({"status", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << status;
  EXPECT_NE(status.find("stalled on commit " + broken.substr(0, 7) + ": commit " +
                        broken.substr(0, 7) + " refused: manifests/orders.yaml:5:7"),
            std::string::npos)
      << status;
  EXPECT_NE(status.find("waiting for a new commit or resync"), std::string::npos) << status;
  std::string json = s.cli({"status", "--config", s.config(), "--env", "dev", "-o", "json"}, &rc);
  EXPECT_NE(json.find("\"stalled\""), std::string::npos) << json;

  // A resync attempts it again (and it stalls again).
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  auto again = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}}));
  ASSERT_TRUE(again) << d->log();
  EXPECT_EQ(eventField(*again, "result"), "failed");
  EXPECT_EQ(eventField(*again, "stalled"), "true");

  // A new commit: the next look at the branch runs a cycle, without any trigger.
  std::string fixed = s.push("dev", {{"orders.yaml", s.queues({"orders"}, 45)}});
  auto recovered = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"commit", fixed}}), 20000);
  ASSERT_TRUE(recovered) << d->log();
  EXPECT_EQ(eventField(*recovered, "trigger"), "interval");
  EXPECT_EQ(eventField(*recovered, "result"), "succeeded") << d->log();
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "45");
  status = s.cli({"status", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(status.find("stalled"), std::string::npos) << status;
  EXPECT_EQ(d->process().stop(10000), 0);
}

// dev alone (interval 1h, retryInterval 1s) behind a fault proxy, one queue
// pushed, the daemon started.
struct Proxied {
  testing::FaultProxy proxy{testing::sharedMoto().endpoint()};
  Scenario s{ConfigOptions{.environments = {{"dev", true, true, "1h", "1s"}},
                           .http = false,
                           .endpointUrl = proxy.url()}};
  std::unique_ptr<Daemon> d = start(s);

  static std::unique_ptr<Daemon> start(Scenario& s) {
    s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
    return s.start();
  }
};

// A known wait (an SQS queue name deleted less than 60 s ago, as AWS answers
// CreateQueue then): the next cycle comes after the 60 s the provider names,
// not after retryInterval (1 s here): nothing runs over 10 × retryInterval.
TEST(Schedule, AWaitingErrorIsRetriedAfterItsRetryAfter) {
  Proxied p;
  auto& [proxy, s, d] = p;
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));

  proxy.failNext({.match = {.service = "sqs", .operation = "CreateQueue"},
                  .fault = testing::Fault::Status,
                  .status = 400,
                  .code = "AWS.SimpleQueueService.QueueDeletedRecently",
                  .count = -1});
  std::string commit = s.push("dev", {{"extra.yaml", s.queues({"extra"})}});
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  auto waiting = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"commit", commit}}));
  ASSERT_TRUE(waiting) << d->log();
  EXPECT_EQ(eventField(*waiting, "result"), "failed") << waiting->toJson();
  EXPECT_EQ(eventField(*waiting, "errorKind"), "waiting") << waiting->toJson();
  EXPECT_EQ(eventField(*waiting, "retryInMs"), "60000") << waiting->toJson();
  EXPECT_NE(eventField(*waiting, "error").find("deleted less than 60 s ago"), std::string::npos);
  EXPECT_TRUE(d->noneWithin(match("cycle.finished", {{"env", "dev"}}), 10000))
      << "retried before its retryAfter: " << d->log();
  std::string status = s.cli({"status", "--config", s.config(), "--env", "dev", "-o", "json"}, &rc);
  auto envs = Value::fromJson(status);
  ASSERT_TRUE(envs && envs->isArray() && envs->size() == 1) << status;
  const Value& dev = envs->asArray()[0];
  EXPECT_NE(eventField(dev, "nextRun"), "") << "a wait is scheduled: " << status;
  EXPECT_EQ(dev.find("stalled"), nullptr) << "a wait is not a stall: " << status;
  proxy.clearFaults();
  EXPECT_EQ(d->process().stop(10000), 0);
}

// AWS throttling every read of the environment: each cycle ends degraded with
// errorKind Throttled, and the next one comes later each time (retryInterval,
// then twice, then four times that, ± 10 %), not every retryInterval.
TEST(Schedule, AThrottledEnvironmentBacksOffExponentially) {
  Proxied p;
  auto& [proxy, s, d] = p;
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));

  proxy.failNext({.match = {.service = "sqs"}, .fault = testing::Fault::Throttle, .count = -1});
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  std::vector<Value> cycles;
  for (int i = 0; i < 4; ++i) {
    auto c = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "degraded"}}), 30000);
    ASSERT_TRUE(c) << d->log();
    EXPECT_EQ(eventField(*c, "errorKind"), "throttled") << c->toJson();
    cycles.push_back(*c);
  }
  proxy.clearFaults();
  EXPECT_EQ(eventField(cycles[0], "trigger"), "resync");
  for (int i = 0; i < 4; ++i) {
    double want = 1000.0 * (1 << i);
    double got = static_cast<double>(number(cycles[i], "retryInMs"));
    EXPECT_GE(got, want * 0.9 - 1) << "cycle " << i << ": " << cycles[i].toJson();
    EXPECT_LE(got, want * 1.1 + 1) << "cycle " << i << ": " << cycles[i].toJson();
    if (i == 0) continue;
    EXPECT_EQ(eventField(cycles[i], "trigger"), "interval");
    // The next cycle started no earlier than the previous one said.
    auto gap = number(cycles[i], "startMs") - number(cycles[i - 1], "endMs");
    EXPECT_GE(gap, number(cycles[i - 1], "retryInMs") - 50) << "cycle " << i;
  }
  EXPECT_EQ(d->process().stop(10000), 0);
}

}  // namespace
}  // namespace driftless::e2e
