// Health gates: CloudWatch alarms (moto) watched after a change; an alarm
// during the bake rolls the environment back to the last good commit and holds
// the bad one back until the branch moves.
#include <gtest/gtest.h>

#include "tests/e2e/surface.h"

namespace driftless::e2e {
namespace {

void setAlarm(const Scenario& s, const std::string& name, const std::string& state) {
  s.python(
      "cw = boto3.client('cloudwatch', endpoint_url=ep, region_name=region)\n"
      "cw.set_alarm_state(AlarmName='" +
      name + "', StateValue='" + state + "', StateReason='test')");
}

Value healthOf(const Scenario& s, const std::string& config) {
  int rc = 0;
  std::string out = s.cli({"status", "--config", config, "--env", "dev", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 0) << out;
  auto parsed = Value::fromJson(out);
  if (!parsed || !parsed->isArray() || parsed->asArray().empty()) {
    ADD_FAILURE() << out;
    return Value();
  }
  const Value* h = parsed->asArray()[0].find("health");
  return h ? *h : Value();
}

}  // namespace

TEST(HealthGate, AnAlarmDuringTheBakeRollsBackAndHoldsTheBadCommitUntilTheBranchMoves) {
  ConfigOptions o;
  o.environments = {{"dev", true, true}};
  Scenario s(o);
  std::string alarm = s.prefix() + "-orders-5xx";
  s.python(
      "cw = boto3.client('cloudwatch', endpoint_url=ep, region_name=region)\n"
      "cw.put_metric_alarm(AlarmName='" +
      alarm +
      "', MetricName='Errors', Namespace='E2E',"
      " Statistic='Sum', Period=60, EvaluationPeriods=1, Threshold=1,"
      " ComparisonOperator='GreaterThanThreshold')");
  setAlarm(s, alarm, "OK");
  auto config = editedConfig(s.config(), "health.yaml", [&](std::string& y) {
    addToEnvironment(y, "dev",
                     "    health:\n      alarms: [" + alarm +
                         "]\n      bakeTime: 8s\n      onFailure: rollback\n");
  });
  std::string queue = s.queueName("orders", "dev");
  // Applied before the gate existed: a daemon without it, then one with it.
  std::string good = s.push("dev", {{"orders.yaml", s.queues({"orders"}, 30)}});
  {
    auto before = s.start();
    ASSERT_TRUE(
        before->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
    EXPECT_EQ(before->process().stop(10000), 0);
  }
  auto d = std::make_unique<Daemon>(config, (s.dir.path() / "health.log").string(), s.env());
  auto accepted = d->waitFor(match("health.passed", {{"env", "dev"}, {"commit", good}}));
  ASSERT_TRUE(accepted);
  EXPECT_EQ(textOf(*accepted, "baked"), "false");  // counted as good, nothing to bake
  EXPECT_EQ(textOf(healthOf(s, config), "state"), "healthy");

  // A bad change: the alarm fires while it bakes.
  std::string bad = s.push("dev", {{"orders.yaml", s.queues({"orders"}, 60)}});
  int rc = 0;
  s.cli({"resync", "--config", config, "--env", "dev"}, &rc);
  ASSERT_TRUE(d->waitFor(match("health.baking", {{"env", "dev"}, {"commit", bad}})));
  EXPECT_EQ(s.queueAttribute(queue, "VisibilityTimeout"), "60");
  EXPECT_EQ(textOf(healthOf(s, config), "state"), "baking");
  setAlarm(s, alarm, "ALARM");
  auto failed = d->waitFor(match("health.failed", {{"env", "dev"}, {"commit", bad}}));
  ASSERT_TRUE(failed);
  EXPECT_EQ(textOf(*failed, "alarms"), "[\"" + alarm + "\"]");
  auto rolled = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "rollback"}}));
  ASSERT_TRUE(rolled);
  EXPECT_EQ(textOf(*rolled, "commit"), good);
  EXPECT_EQ(textOf(*rolled, "result"), "succeeded");
  ASSERT_TRUE(d->waitFor(match("rollback.applied", {{"env", "dev"}, {"to", good}})));
  EXPECT_EQ(s.queueAttribute(queue, "VisibilityTimeout"), "30");
  Value h = healthOf(s, config);
  EXPECT_EQ(textOf(h, "state"), "rolled-back") << h.toJson();
  EXPECT_EQ(textOf(h, "badCommit"), bad);
  EXPECT_EQ(textOf(h, "lastGood"), good);
  Value api = request(s.httpPort(), "GET", "/api/v1/environments/dev").json();
  ASSERT_TRUE(api.find("health")) << api.toJson();
  EXPECT_EQ(textOf(*api.find("health"), "badCommit"), bad) << api.toJson();
  std::string text = s.cli({"status", "--config", config}, &rc);
  EXPECT_NE(text.find("dev: health rolled-back (commit " + bad.substr(0, 7) + "); " +
                      bad.substr(0, 7) + " held back; last good " + good.substr(0, 7)),
            std::string::npos)
      << text;

  // The branch still points at the bad commit: a cycle keeps the good one applied.
  setAlarm(s, alarm, "OK");
  s.cli({"resync", "--config", config, "--env", "dev"}, &rc);
  ASSERT_TRUE(
      d->waitFor(match("cycle.finished", {{"env", "dev"}, {"commit", bad}})));  // the bad one
  auto held = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}}));
  ASSERT_TRUE(held);
  EXPECT_EQ(textOf(*held, "commit"), good);
  EXPECT_EQ(s.queueAttribute(queue, "VisibilityTimeout"), "30");

  // The branch moves past it: the new commit is applied, baked and healthy.
  std::string fixed = s.push("dev", {{"orders.yaml", s.queues({"orders"}, 45)}});
  s.cli({"resync", "--config", config, "--env", "dev"}, &rc);
  ASSERT_TRUE(d->waitFor(match("health.released", {{"env", "dev"}})));
  ASSERT_TRUE(d->waitFor(match("health.passed", {{"env", "dev"}, {"commit", fixed}})));
  EXPECT_EQ(s.queueAttribute(queue, "VisibilityTimeout"), "45");
  h = healthOf(s, config);
  EXPECT_EQ(textOf(h, "state"), "healthy") << h.toJson();
  EXPECT_EQ(textOf(h, "lastGood"), fixed);
  EXPECT_EQ(textOf(h, "badCommit"), "");
}

}  // namespace driftless::e2e
