// Notifications through the real binary: SNS (moto, subscribed by an SQS
// queue) and a signed webhook to a local receiver.
#include <gtest/gtest.h>

#include "controller/webhook.h"
#include "tests/e2e/surface.h"

namespace driftless::e2e {
namespace {

constexpr const char* kHookSecret = "hook-signing-secret-77";

// Creates a topic with an SQS subscriber; returns {topicArn, queueUrl}.
std::pair<std::string, std::string> topicWithQueue(const Scenario& s) {
  std::string out = s.python(
      "sns = boto3.client('sns', endpoint_url=ep, region_name=region)\n"
      "sqs = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "t = sns.create_topic(Name='" +
      s.prefix() +
      "-alerts')['TopicArn']\n"
      "q = sqs.create_queue(QueueName='" +
      s.prefix() +
      "-alerts-inbox')['QueueUrl']\n"
      "a = sqs.get_queue_attributes(QueueUrl=q, "
      "AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
      "sns.subscribe(TopicArn=t, Protocol='sqs', Endpoint=a)\n"
      "print(t + ' ' + q)");
  auto space = out.find(' ');
  return {out.substr(0, space), out.substr(space + 1)};
}

// The notification payloads waiting in the queue (SNS envelopes unwrapped), read until
// `count` arrived or 30 s passed.
std::vector<Value> payloads(const Scenario& s, const std::string& queueUrl, std::size_t count) {
  std::string out = s.python(
      "import json, time\n"
      "sqs = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "got = []\n"
      "end = time.time() + 30\n"
      "while len(got) < " +
      std::to_string(count) +
      " and time.time() < end:\n"
      "    r = sqs.receive_message(QueueUrl='" +
      queueUrl +
      "', MaxNumberOfMessages=10, WaitTimeSeconds=1)\n"
      "    for m in r.get('Messages', []):\n"
      "        got.append(json.loads(m['Body'])['Message'])\n"
      "        sqs.delete_message(QueueUrl='" +
      queueUrl +
      "', ReceiptHandle=m['ReceiptHandle'])\n"
      "for g in got: print(g)");
  std::vector<Value> result;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (auto v = Value::fromJson(line)) result.push_back(*v);
  return result;
}

std::string queues(const Scenario& s, int visibility) {
  return s.queues({"alpha", "beta"}, visibility);
}

}  // namespace

TEST(Notifications, OneMessagePerKindPerCycleToSnsAndASignedWebhookWithRetries) {
  ConfigOptions o;
  o.environments = {{"dev", true, false}};  // selfHeal false: drift stays reported
  Scenario s(o);
  auto [topic, inbox] = topicWithQueue(s);
  // The receiver fails the first request: the notifier retries after its backoff.
  Receiver receiver([](int n) { return n == 1 ? 500 : 200; });
  auto config = editedConfig(s.config(), "notify.yaml", [&](std::string& y) {
    y += "notifications:\n"
         "  - name: platform-alerts\n"
         "    on: [drift.detected, cycle.failed, cycle.recovered]\n"
         "    environments: [dev]\n"
         "    sns: { topicArn: " +
         topic + ", region: us-east-1, endpointUrl: " + testing::sharedMoto().endpoint() +
         " }\n"
         "  - name: hook\n"
         "    on: [drift.detected, cycle.failed]\n"
         "    webhook: { urlEnv: HOOK_URL, secretEnv: HOOK_SECRET }\n";
  });
  s.push("dev", {{"queues.yaml", queues(s, 30)}});
  auto env = s.env();
  env.emplace_back("HOOK_URL", receiver.url());
  env.emplace_back("HOOK_SECRET", kHookSecret);
  auto d = std::make_unique<Daemon>(config, (s.dir.path() / "notify.log").string(), env);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));

  // Two queues changed out of band: ONE drift message naming both.
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "for n in ['alpha', 'beta']:\n"
      "    u = c.get_queue_url(QueueName='" +
      s.prefix() +
      "-' + n + '-dev')['QueueUrl']\n"
      "    c.set_queue_attributes(QueueUrl=u, Attributes={'VisibilityTimeout': '77'})");
  int rc = 0;
  std::string out = s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}})));

  auto sns = payloads(s, inbox, 1);
  ASSERT_EQ(sns.size(), 1u) << d->log();
  EXPECT_EQ(textOf(sns[0], "kind"), "drift.detected");
  EXPECT_EQ(textOf(sns[0], "environment"), "dev");
  EXPECT_EQ(textOf(sns[0], "count"), "2");
  EXPECT_NE(textOf(sns[0], "text").find("2 resource(s) drifted"), std::string::npos)
      << sns[0].toJson();
  EXPECT_EQ(textOf(sns[0], "notification"), "platform-alerts");

  // The webhook: the first attempt answered 500, the retry got through; signed.
  ASSERT_TRUE(receiver.waitFor([](const auto& r) { return r.size() >= 2; }, 30000));
  auto got = receiver.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].body, got[1].body);  // the same message, retried
  auto hook = Value::fromJson(got[1].body);
  ASSERT_TRUE(hook);
  EXPECT_EQ(textOf(*hook, "kind"), "drift.detected");
  EXPECT_TRUE(controller::verifyWebhookSignature(kHookSecret, got[1].body,
                                                 got[1].headers["x-driftless-signature-256"]))
      << got[1].headers["x-driftless-signature-256"];
  EXPECT_EQ(got[1].headers["x-driftless-event"], "drift.detected");

  // A broken commit: cycle.failed to both; the fix: cycle.recovered to SNS only.
  s.push("dev", {{"queues.yaml", "Resources: [\n"}});
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "failed"}})));
  ASSERT_TRUE(receiver.waitFor([](const auto& r) { return r.size() >= 3; }, 30000));
  auto failed = Value::fromJson(receiver.received()[2].body);
  ASSERT_TRUE(failed);
  EXPECT_EQ(textOf(*failed, "kind"), "cycle.failed");
  EXPECT_NE(textOf(*failed, "detail").find("queues.yaml"), std::string::npos) << failed->toJson();
  s.push("dev", {{"queues.yaml", queues(s, 77)}});
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  auto more = payloads(s, inbox, 2);
  ASSERT_EQ(more.size(), 2u) << d->log();
  EXPECT_EQ(textOf(more[0], "kind"), "cycle.failed");
  EXPECT_EQ(textOf(more[1], "kind"), "cycle.recovered");

  // No secret anywhere: not the signing secret, not the webhook URL.
  for (const auto& r : receiver.received())
    EXPECT_EQ(r.body.find(kHookSecret), std::string::npos);
  EXPECT_EQ(d->log().find(kHookSecret), std::string::npos);
  EXPECT_EQ(d->log().find(receiver.url()), std::string::npos);
  EXPECT_EQ(receiver.received().size(), 3u);  // recovered is not among the hook's kinds
}

}  // namespace driftless::e2e
