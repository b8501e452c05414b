// The notifier on its own: bursts summarised per kind and cycle, retries with
// backoff, undelivered messages counted — against a real local HTTP receiver.
#include "controller/notifier.h"

#include <gtest/gtest.h>

#include <set>

#include "controller/http_server.h"
#include "controller/webhook.h"
#include "tests/support/peer.h"

namespace driftless::controller {
namespace {

Event event(const std::string& name, const std::string& id = "") {
  Event e;
  e.name = name;
  e.env = "dev";
  e.cycle = "20261128T100000Z-abc1234-1";
  e.commit = "abc1234def";
  e.id = id;
  return e;
}

config::NotificationConfig hook(const std::string& name, std::vector<std::string> on) {
  config::NotificationConfig n;
  n.name = name;
  n.on = std::move(on);
  n.webhookUrlEnv = "NOTIFIER_TEST_URL";
  n.webhookSecretEnv = "NOTIFIER_TEST_SECRET";
  return n;
}

struct Fixture {
  asio::io_context io;
  EventBus bus;
  Metrics metrics;
  std::vector<HttpRequest> received;
  int failFirst = 0;
  std::unique_ptr<HttpServer> server;

  Fixture() {
    server = std::make_unique<HttpServer>(io, [this](const HttpRequest& r) {
      received.push_back(r);
      HttpReply reply;
      reply.status = static_cast<int>(received.size()) <= failFirst ? 503 : 200;
      return reply;
    });
    EXPECT_TRUE(server->listen("127.0.0.1:0"));
    ::setenv("NOTIFIER_TEST_URL", url().c_str(), 1);
    ::setenv("NOTIFIER_TEST_SECRET", "s3cret-for-signing", 1);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server->port()) + "/"; }
  // Runs the loop until `done` or 10 s.
  bool runUntil(const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline)
      io.run_for(std::chrono::milliseconds(20));
    return done();
  }
};

NotifierOptions fast() {
  NotifierOptions o;
  o.attempts = 3;
  o.backoff = std::chrono::milliseconds(10);
  o.timeout = std::chrono::milliseconds(2000);
  return o;
}

TEST(Notifier, ABurstIsOneSignedMessagePerKindPerCycle) {
  Fixture f;
  Notifier n(f.io, f.bus, f.metrics, "ctl", {hook("h", {"drift.detected", "conflict"})}, fast());
  f.bus.publish(event("cycle.started"));
  for (int i = 0; i < 12; ++i)
    f.bus.publish(event("drift.detected", "app/Q" + std::to_string(i)));
  f.bus.publish(event("resource.conflict", "app/Foreign"));
  f.bus.publish(event("resource.failed", "app/Other"));  // not a kind of this target
  Event done = event("cycle.finished");
  done.fields["result"] = "succeeded";
  f.bus.publish(done);
  ASSERT_TRUE(f.runUntil([&] { return n.delivered()["h"] == 2; }));
  ASSERT_EQ(f.received.size(), 2u);
  std::map<std::string, Value> byKind;
  for (const auto& r : f.received) {
    EXPECT_TRUE(verifyWebhookSignature("s3cret-for-signing", r.body,
                                       r.header("x-driftless-signature-256")));
    auto v = Value::fromJson(r.body);
    ASSERT_TRUE(v);
    byKind[v->find("kind")->asString()] = *v;
    EXPECT_EQ(r.body.find("s3cret"), std::string::npos);
  }
  const Value& drift = byKind.at("drift.detected");
  EXPECT_EQ(drift.find("count")->toJson(), "12");
  EXPECT_EQ(drift.find("text")->asString(),
            "[driftless] dev: 12 resource(s) drifted at abc1234 (app/Q0, app/Q1, app/Q2, app/Q3, "
            "app/Q4, app/Q5, app/Q6, app/Q7, app/Q8, app/Q9, and 2 more)")
      << drift.toJson();
  EXPECT_EQ(byKind.at("conflict").find("count")->toJson(), "1");
}

TEST(Notifier, RetriesWithBackoffThenCountsWhatCouldNotBeDelivered) {
  Fixture f;
  f.failFirst = 2;
  Notifier n(f.io, f.bus, f.metrics, "ctl", {hook("flaky", {"cycle.failed"})}, fast());
  Event failed = event("cycle.finished");
  failed.fields["result"] = "failed";
  failed.fields["error"] = "manifests/x.yaml:1:1: bad";
  f.bus.publish(failed);
  ASSERT_TRUE(f.runUntil([&] { return n.delivered()["flaky"] == 1; }));
  EXPECT_EQ(f.received.size(), 3u);  // two 503s, then delivered

  // A receiver that never answers 2xx: given up after `attempts`, counted, logged.
  f.failFirst = 1000;
  std::vector<Event> seen;
  f.bus.subscribe([&](const Event& e) { seen.push_back(e); });
  f.bus.publish(failed);
  ASSERT_TRUE(f.runUntil([&] { return n.undelivered()["flaky"] == 1; }));
  EXPECT_EQ(f.received.size(), 6u);
  EXPECT_NE(f.metrics.render().find(
                "driftless_notifications_undelivered_total{notification=\"flaky\"} 1"),
            std::string::npos);
  bool logged = false;
  for (const auto& e : seen)
    if (e.name == "notification.undelivered") {
      logged = true;
      EXPECT_EQ(e.fields.find("error")->asString(), "webhook flaky: HTTP 503");
    }
  EXPECT_TRUE(logged);
}

TEST(Notifier, RecoveredFollowsAFailureAndPublishingNeverWaitsForDelivery) {
  Fixture f;
  ::setenv("NOTIFIER_TEST_URL", "http://127.0.0.1:1/unreachable?token=abc", 1);
  Notifier n(f.io, f.bus, f.metrics, "ctl", {hook("r", {"cycle.recovered", "cycle.failed"})},
             fast());
  Event failed = event("cycle.finished");
  failed.fields["result"] = "failed";
  Event ok = event("cycle.finished");
  ok.fields["result"] = "succeeded";
  auto start = std::chrono::steady_clock::now();
  f.bus.publish(ok);  // nothing: no failure before
  f.bus.publish(failed);
  f.bus.publish(ok);  // recovered
  f.bus.publish(ok);  // nothing more
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
  std::vector<std::string> errors;
  f.bus.subscribe([&](const Event& e) {
    if (e.name == "notification.undelivered") errors.push_back(e.fields.find("error")->asString());
  });
  ASSERT_TRUE(f.runUntil([&] { return n.undelivered()["r"] == 2; }));
  ASSERT_EQ(errors.size(), 2u);
  for (const auto& e : errors)
    EXPECT_EQ(e.find("token=abc"), std::string::npos) << e;
}

TEST(Notifier, HealthFailuresAndRollbacksAreSentAsTheyHappen) {
  Fixture f;
  Notifier n(f.io, f.bus, f.metrics, "ctl", {hook("h", {"health.failed", "rollback.applied"})},
             fast());
  Event failed = event("health.failed");
  failed.cycle.clear();
  failed.fields["detail"] = "alarm(s) in ALARM during the bake of abc1234: orders-5xx";
  f.bus.publish(failed);
  Event back = event("rollback.applied");
  back.fields["detail"] = "rolled back from abc1234 to 0f0f0f0";
  f.bus.publish(back);
  ASSERT_TRUE(f.runUntil([&] { return n.delivered()["h"] == 2; }));
  std::set<std::string> texts;
  for (const auto& r : f.received)
    texts.insert(Value::fromJson(r.body)->find("text")->asString());
  EXPECT_EQ(texts, (std::set<std::string>{
                       "[driftless] dev: health check failed at abc1234: alarm(s) in ALARM during "
                       "the bake of abc1234: orders-5xx",
                       "[driftless] dev: rolled back at abc1234: rolled back from abc1234 to "
                       "0f0f0f0"}));
}

}  // namespace
}  // namespace driftless::controller
