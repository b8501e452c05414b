// The user's story end to end: push, drift, removal, broken commits, triggers.
#include <csignal>

#include <gtest/gtest.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "controller/webhook.h"
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

TEST(E2E, PushConvergesWithinOneCycleAndStatusShowsIt) {
  Scenario s;
  std::string commit = s.push("dev", {{"orders.yaml", s.queues({"orders", "billing"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  auto dev = d->waitFor(match("cycle.finished", {{"env", "dev"}}));
  ASSERT_TRUE(dev);
  EXPECT_EQ(field(*dev, "result"), "succeeded") << d->log();
  EXPECT_EQ(field(*dev, "created"), "2");
  EXPECT_EQ(field(*dev, "commit"), commit);
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "30");
  EXPECT_EQ(s.countQueues(s.queueName("billing", "dev")), 1);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  int rc = 0;
  std::string status = s.cli({"status", "--config", s.config(), "-o", "json"}, &rc);
  ASSERT_EQ(rc, 0) << status;
  EXPECT_NE(status.find(commit), std::string::npos) << status;
  EXPECT_NE(status.find("\"lastResult\": \"succeeded\""), std::string::npos) << status;

  // A second cycle with nothing to do logs one line.
  std::size_t before = d->events().size();
  ASSERT_EQ(s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc).find("dev") !=
                std::string::npos,
            true);
  auto noop = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}}));
  ASSERT_TRUE(noop);
  auto all = d->events();
  int devLines = 0;
  for (std::size_t i = before; i < all.size(); ++i)
    if (field(all[i], "env") == "dev") ++devLines;
  EXPECT_EQ(devLines, 1) << d->log();
  EXPECT_EQ(d->process().stop(10000), 0);
}

TEST(E2E, DriftIsCorrectedInDevAndOnlyRecordedInProd) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  for (const char* env : {"dev", "prod"})
    s.python(
        "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
        "u = c.get_queue_url(QueueName='" +
        s.queueName("orders", env) +
        "')['QueueUrl']\n"
        "c.set_queue_attributes(QueueUrl=u, Attributes={'VisibilityTimeout': '99'})");
  int rc = 0;
  s.cli({"resync", "--config", s.config()}, &rc);
  ASSERT_EQ(rc, 0);

  auto devDrift = d->waitFor(match("drift.detected", {{"env", "dev"}}));
  ASSERT_TRUE(devDrift);
  EXPECT_EQ(field(*devDrift, "id"), "orders/orders");
  EXPECT_NE(field(*devDrift, "paths").find("VisibilityTimeout"), std::string::npos);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}})));
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "30");

  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"trigger", "resync"}})));
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "prod"), "VisibilityTimeout"), "99");

  // Both drifts are recorded under drift/ in the history bucket.
  std::string keys = s.python(
      "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "r = c.list_objects_v2(Bucket='" +
      s.bucket() +
      "', Prefix='driftless/')\n"
      "print(' '.join(o['Key'] for o in r.get('Contents', []) if '/drift/' in o['Key']))");
  EXPECT_NE(keys.find("driftless/dev/drift/"), std::string::npos) << keys;
  EXPECT_NE(keys.find("driftless/prod/drift/"), std::string::npos) << keys;

  std::string drift = s.cli({"drift", "--config", s.config(), "--env", "prod", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 0) << drift;
  EXPECT_NE(drift.find("VisibilityTimeout"), std::string::npos) << drift;
  std::string history = s.cli({"history", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << history;
  EXPECT_NE(history.find("resync"), std::string::npos) << history;
  EXPECT_EQ(d->process().stop(10000), 0);
}

TEST(E2E, BrokenCommitWritesNothingAndNamesTheLocation) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  // A valid new queue next to a template with a typo: nothing may be created.
  s.push("dev", {{"extra.yaml", s.queues({"extra"})},
                 {"orders.yaml",
                  "Resources:\n  orders:\n    Type: AWS::SQS::Queue\n"
                  "    Properties:\n      QueueNme: x\n"}});
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  auto failed = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}}));
  ASSERT_TRUE(failed);
  EXPECT_EQ(field(*failed, "result"), "failed");
  // (With the name misspelt the queue would get a generated name: the unknown
  // property is the error.)
  EXPECT_NE(field(*failed, "error").find("manifests/orders.yaml:5:7"), std::string::npos)
      << field(*failed, "error");
  EXPECT_EQ(s.countQueues(s.queueName("extra", "dev")), 0);
  EXPECT_EQ(s.countQueues(s.queueName("orders", "dev")), 1);  // not pruned
  std::string status = s.cli({"status", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_NE(status.find("orders.yaml:5:7"), std::string::npos) << status;
  EXPECT_EQ(d->process().stop(10000), 0);
}

TEST(E2E, RemovedFromGitIsPrunedOrRetained) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})},
                 {"kept.yaml", s.queues({"kept"}, 30, true)},
                 {"stay.yaml", s.queues({"stay"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  s.push("dev", {}, {"orders.yaml", "kept.yaml"});
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_TRUE(d->waitFor(match("resource.deleted", {{"env", "dev"}, {"id", "orders/orders"}})));
  auto done = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}}));
  ASSERT_TRUE(done);
  EXPECT_EQ(field(*done, "result"), "succeeded") << d->log();
  EXPECT_EQ(s.countQueues(s.queueName("orders", "dev")), 0);
  EXPECT_EQ(s.countQueues(s.queueName("kept", "dev")), 1);
  EXPECT_EQ(s.countQueues(s.queueName("stay", "dev")), 1);
  EXPECT_EQ(d->process().stop(10000), 0);
}

// Time from a trigger to the start of the cycle it caused (end minus duration).
void expectStartsWithinOneSecond(Daemon& d, Clock::time_point sent, const std::string& trigger) {
  auto finished = d.waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", trigger}}));
  ASSERT_TRUE(finished);
  auto seen = Clock::now();
  auto duration = std::chrono::milliseconds(std::stoll(field(*finished, "durationMs")));
  auto startedAfter = std::chrono::duration_cast<std::chrono::milliseconds>(seen - sent) - duration;
  EXPECT_LT(startedAfter.count(), 1000) << trigger;
}

TEST(E2E, SighupAndResyncStartACycleWithinOneSecond) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  auto sent = Clock::now();
  d->process().signal(SIGHUP);
  expectStartsWithinOneSecond(*d, sent, "signal");

  int rc = 0;
  sent = Clock::now();
  std::string out = s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;
  expectStartsWithinOneSecond(*d, sent, "resync");
  EXPECT_EQ(d->process().stop(10000), 0);

  // With the daemon gone: one clear line and exit 1.
  out = s.cli({"resync", "--config", s.config()}, &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("no driftless daemon listens on"), std::string::npos) << out;
}

int post(int port, const std::string& body, const std::string& signature) {
  namespace http = boost::beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::string_body> req{http::verb::post, "/webhook", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set("X-GitHub-Event", "push");
  req.set("X-Hub-Signature-256", signature);
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return static_cast<int>(res.result_int());
}

TEST(E2E, WebhookTriggersOnlyWithAGoodSignature) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  std::string commit = s.push("dev", {{"orders.yaml", s.queues({"orders"}, 45)}});
  std::string body = R"({"ref":"refs/heads/env/dev","after":")" + commit + "\"}";

  EXPECT_EQ(post(s.httpPort(), body, controller::webhookSignature("wrong", body)), 401);
  ASSERT_TRUE(d->waitFor(match("webhook.rejected")));
  EXPECT_EQ(post(s.httpPort(), body, controller::webhookSignature(kWebhookSecret, body)), 202);
  auto done = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "webhook"}}));
  ASSERT_TRUE(done);
  EXPECT_EQ(field(*done, "commit"), commit);
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "45");
  // The rejected request started nothing.
  int webhookCycles = 0;
  for (const auto& e : d->events())
    if (field(e, "event") == "cycle.finished" && field(e, "trigger") == "webhook") ++webhookCycles;
  EXPECT_EQ(webhookCycles, 1);
  EXPECT_EQ(d->process().stop(10000), 0);
}

std::vector<std::string> manyIds(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i)
    ids.push_back("q" + std::to_string(i));
  return ids;
}

TEST(E2E, SigtermDuringAWaveStopsCleanlyAndTheNextStartConverges) {
  Scenario s(ConfigOptions{{{"dev", true, true}}, false});
  s.push("dev", {{"many.yaml", s.queues(manyIds(24))}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("resource.created", {{"env", "dev"}})));
  d->process().signal(SIGTERM);
  int status = 0;
  ASSERT_TRUE(d->process().wait(60000, &status)) << d->log();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << d->log();
  d.reset();

  auto again = s.start("", "d2");
  auto done = again->waitFor(match("cycle.finished", {{"env", "dev"}}));
  ASSERT_TRUE(done);
  EXPECT_EQ(field(*done, "result"), "succeeded") << again->log();
  EXPECT_EQ(s.countQueues(s.prefix() + "-q"), 24);
  EXPECT_EQ(again->process().stop(10000), 0);
}

TEST(E2E, SigkillDuringAWaveConvergesWithoutDuplicates) {
  Scenario s(ConfigOptions{{{"dev", true, true}}, false});
  s.push("dev", {{"many.yaml", s.queues(manyIds(24))}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("resource.created", {{"env", "dev"}})));
  d->process().signal(SIGKILL);
  ASSERT_TRUE(d->process().wait(10000));
  d.reset();

  auto again = s.start("", "d2");
  auto done = again->waitFor(match("cycle.finished", {{"env", "dev"}}));
  ASSERT_TRUE(done);
  EXPECT_EQ(field(*done, "result"), "succeeded") << again->log();
  EXPECT_EQ(s.countQueues(s.prefix() + "-q"), 24);
  EXPECT_EQ(again->process().stop(10000), 0);
}

TEST(E2E, TwoDaemonsOnOneEnvironmentOnlyOneApplies) {
  Scenario s(ConfigOptions{{{"dev", true, true}}, true});
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  auto first = s.start();
  ASSERT_TRUE(first->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ConfigOptions second{{{"dev", true, true}}, true, "data2", "control2.sock", false};
  auto other = s.start(s.writeConfig(second, "second.yaml"), "second");
  auto skipped = other->waitFor(match("cycle.skipped", {{"env", "dev"}}));
  ASSERT_TRUE(skipped);
  EXPECT_NE(field(*skipped, "reason").find("lease"), std::string::npos)
      << field(*skipped, "reason");
  for (const auto& e : other->events())
    EXPECT_NE(field(e, "event").rfind("resource.", 0), 0u) << e.toJson();
  EXPECT_EQ(other->process().stop(10000), 0);
  EXPECT_EQ(first->process().stop(10000), 0);
}

}  // namespace
}  // namespace driftless::e2e
