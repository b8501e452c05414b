// Drift seen from AWS's own change events: an EventBridge rule on moto routes
// "AWS API Call via CloudTrail" events (put with PutEvents, in the shape AWS
// delivers them) to an SQS queue the daemon long-polls. Intervals and full
// scans are an hour, so only an event can explain a correction.
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "tests/e2e/harness.h"

namespace driftless::e2e {
namespace {

std::string field(const Value& v, const char* key) {
  const Value* f = v.find(key);
  if (!f) return "";
  return f->isString() ? f->asString() : f->toJson();
}

// The events queue and the EventBridge rule that feeds it, on the shared moto.
std::string eventsQueue(const std::string& name, bool withRule) {
  int rc = 0;
  std::string code =
      "sqs = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "url = sqs.create_queue(QueueName='" +
      name +
      "')['QueueUrl']\n"
      "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])"
      "['Attributes']['QueueArn']\n";
  if (withRule)
    code +=
        "ev = boto3.client('events', endpoint_url=ep, region_name=region)\n"
        "ev.put_rule(Name='" +
        name +
        "', EventPattern=json.dumps({'detail-type': ['AWS API Call via CloudTrail']}))\n"
        "ev.put_targets(Rule='" +
        name + "', Targets=[{'Id': 'q', 'Arn': arn}])\n";
  code += "print(url)";
  std::string out = testing::sharedMoto().python("import json\n" + code, &rc);
  EXPECT_EQ(rc, 0) << out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

std::string uniqueName(const char* what) {
  static std::atomic<int> n{0};
  return std::string("ev") + std::to_string(::getpid() % 100000) + what + std::to_string(++n);
}

// The CloudTrail record of a SetQueueAttributes call, as EventBridge's detail.
std::string setQueueAttributesDetail(const std::string& queueUrl, const std::string& userAgent) {
  return "{'eventVersion': '1.09', 'userIdentity': {'type': 'IAMUser', 'arn': "
         "'arn:aws:iam::123456789012:user/alice'}, 'eventTime': '2026-11-28T10:00:00Z', "
         "'eventSource': 'sqs.amazonaws.com', 'eventName': 'SetQueueAttributes', "
         "'awsRegion': 'us-east-1', 'sourceIPAddress': '203.0.113.7', 'userAgent': '" +
         userAgent + "', 'requestParameters': {'queueUrl': '" + queueUrl +
         "', 'attributes': {'VisibilityTimeout': '99'}}, 'responseElements': None, "
         "'readOnly': False, 'eventType': 'AwsApiCall', 'managementEvent': True}";
}

std::string putEvents(const std::vector<std::string>& details) {
  std::string entries;
  for (const auto& d : details)
    entries +=
        "{'Source': 'aws.sqs', 'DetailType': 'AWS API Call via CloudTrail', "
        "'Detail': json.dumps(" +
        d + ")},";
  return "import json\nev = boto3.client('events', endpoint_url=ep, region_name=region)\n"
         "r = ev.put_events(Entries=[" +
         entries + "])\nassert r['FailedEntryCount'] == 0, r\n";
}

std::string queueUrl(const Scenario& s, const std::string& logical, const std::string& env) {
  return s.python(
      "print(boto3.client('sqs', endpoint_url=ep, region_name=region)"
      ".get_queue_url(QueueName='" +
      s.queueName(logical, env) + "')['QueueUrl'])");
}

void setVisibility(const Scenario& s, const std::string& url, int seconds) {
  s.python(
      "boto3.client('sqs', endpoint_url=ep, region_name=region).set_queue_attributes("
      "QueueUrl='" +
      url + "', Attributes={'VisibilityTimeout': '" + std::to_string(seconds) + "'})");
}

ConfigOptions withEvents(const std::string& queue) {
  ConfigOptions o;
  o.environments = {{"dev", true, true, "1h", "1h", "1h"},
                    {"prod", false, false, "1h", "1h", "1h"}};
  o.eventsQueueUrl = queue;
  return o;
}

TEST(ChangeEvents, AnEventIsCorrectedInDevAndRecordedWithWhoInProd) {
  Scenario s(withEvents(eventsQueue(uniqueName("q"), /*withRule=*/true)));
  s.push("dev", {{"orders.yaml", s.queues({"orders", "other"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  std::string devUrl = queueUrl(s, "orders", "dev"), prodUrl = queueUrl(s, "orders", "prod");
  setVisibility(s, devUrl, 99);
  setVisibility(s, prodUrl, 99);
  s.python(putEvents({setQueueAttributesDetail(devUrl, "aws-cli/2.15.0"),
                      setQueueAttributesDetail(prodUrl, "aws-cli/2.15.0")}));

  auto devDrift = d->waitFor(match("drift.detected", {{"env", "dev"}}));
  ASSERT_TRUE(devDrift) << d->log();
  EXPECT_EQ(field(*devDrift, "id"), "orders/orders");
  EXPECT_NE(field(*devDrift, "cause").find("arn:aws:iam::123456789012:user/alice"),
            std::string::npos)
      << field(*devDrift, "cause");
  auto devCycle = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "event"}}));
  ASSERT_TRUE(devCycle);
  EXPECT_EQ(field(*devCycle, "observed"), "1") << "only the resource the event named";
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "30");

  auto prodDrift = d->waitFor(match("drift.detected", {{"env", "prod"}}));
  ASSERT_TRUE(prodDrift);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"trigger", "event"}})));
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "prod"), "VisibilityTimeout"), "99");
  int rc = 0;
  std::string drift = s.cli({"drift", "--config", s.config(), "--env", "prod"}, &rc);
  EXPECT_EQ(rc, 0) << drift;
  EXPECT_NE(drift.find("CHANGED BY"), std::string::npos) << drift;
  EXPECT_NE(drift.find("arn:aws:iam::123456789012:user/alice (SetQueueAttributes)"),
            std::string::npos)
      << drift;

  // A lost event: the next full scan (here forced) still finds the drift.
  setVisibility(s, devUrl, 77);
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  auto scanned = d->waitFor(match("drift.detected", {{"env", "dev"}}));
  ASSERT_TRUE(scanned);
  EXPECT_EQ(field(*scanned, "cause"), "") << "found by a scan, not an event";
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}})));
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "30");
  EXPECT_EQ(d->process().stop(10000), 0);
}

// driftless's own corrections come back as events carrying its User-Agent:
// ignored. A burst already queued for several resources is one targeted cycle
// that observes each of them once.
TEST(ChangeEvents, OwnEventsAreIgnoredAndABurstIsOneObservationPerResource) {
  std::string queue = eventsQueue(uniqueName("b"), /*withRule=*/false);
  ConfigOptions o = withEvents(queue);
  o.environments = {{"dev", true, true, "1h", "1h", "1h"}};
  Scenario s(o);
  std::vector<std::string> ids;
  for (int i = 0; i < 8; ++i)
    ids.push_back("q" + std::to_string(i));
  s.push("dev", {{"burst.yaml", s.queues(ids)}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  // 80 events (10 per queue) and one of driftless's own, queued before the daemon
  // starts, as EventBridge's SQS target delivers them (the envelope in the body).
  std::string code =
      "import json\nsqs = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "def envelope(detail):\n"
      "    return json.dumps({'version': '0', 'id': 'x', 'detail-type': 'AWS API Call via "
      "CloudTrail', 'source': 'aws.sqs', 'account': '123456789012', 'time': "
      "'2026-11-28T10:00:01Z', 'region': 'us-east-1', 'resources': [], 'detail': detail})\n"
      "bodies = []\n";
  for (const auto& id : ids) {
    std::string url = queueUrl(s, id, "dev");
    for (int k = 0; k < 10; ++k)
      code += "bodies.append(envelope(" + setQueueAttributesDetail(url, "aws-cli/2.15.0") + "))\n";
  }
  code += "bodies.append(envelope(" +
          setQueueAttributesDetail(queueUrl(s, "q0", "dev"), "driftless/0.1.0") +
          "))\n"
          "for i in range(0, len(bodies), 10):\n"
          "    sqs.send_message_batch(QueueUrl='" +
          queue +
          "', Entries=[{'Id': str(j), 'MessageBody': b} for j, b in "
          "enumerate(bodies[i:i+10])])\n";
  s.python(code);

  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "startup"}})));
  auto burst = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "event"}}));
  ASSERT_TRUE(burst) << d->log();
  EXPECT_EQ(field(*burst, "observed"), "8") << "each queue once, for 80 events";
  std::string metrics = s.python(
      "import urllib.request\nprint(urllib.request.urlopen("
      "'http://127.0.0.1:" +
      std::to_string(s.httpPort()) + "/metrics').read().decode())");
  EXPECT_NE(metrics.find("driftless_change_events_total{result=\"matched\"} 80"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("driftless_change_events_total{result=\"own\"} 1"), std::string::npos)
      << metrics;
  // Every message was acted on and deleted.
  std::string left = s.python(
      "a = boto3.client('sqs', endpoint_url=ep, region_name=region).get_queue_attributes("
      "QueueUrl='" +
      queue +
      "', AttributeNames=['ApproximateNumberOfMessages', "
      "'ApproximateNumberOfMessagesNotVisible'])['Attributes']\n"
      "print(int(a['ApproximateNumberOfMessages']) + "
      "int(a['ApproximateNumberOfMessagesNotVisible']))");
  EXPECT_EQ(left, "0");
  int events = 0;
  for (const auto& e : d->events())
    if (field(e, "event") == "cycle.finished" && field(e, "trigger") == "event") ++events;
  EXPECT_EQ(events, 1) << d->log();
  EXPECT_EQ(d->process().stop(10000), 0);
}

// Between full scans an interval cycle with no new commit reads nothing.
TEST(ChangeEvents, IntervalCyclesBetweenFullScansObserveNothing) {
  ConfigOptions o;
  o.environments = {{"dev", true, true, "1s", "1h", "1h"}};
  o.http = false;
  Scenario s(o);
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  auto first = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "startup"}}));
  ASSERT_TRUE(first);
  EXPECT_EQ(field(*first, "observed"), "1");
  auto next = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "interval"}}));
  ASSERT_TRUE(next);
  EXPECT_EQ(field(*next, "observed"), "0");
  EXPECT_EQ(field(*next, "result"), "succeeded");
  EXPECT_EQ(d->process().stop(10000), 0);
}

}  // namespace
}  // namespace driftless::e2e

namespace driftless::e2e {
namespace {

// deploy/events/events.yaml is a driftless manifest: driftless deploys its own
// event path (queue, queue policy, EventBridge rule with the queue as target),
// plans clean right after, and a CloudTrail-shaped event reaches the queue.
TEST(ChangeEvents, DriftlessDeploysItsOwnEventPath) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .http = false});
  const std::string queue = uniqueName("path");
  std::ifstream in(testing::sourceDir() / "deploy/events/events.yaml");
  std::string tmpl((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(tmpl.empty());
  s.push("dev", {{"events.yaml", tmpl}, {"parameters/dev.yaml", "QueueName: " + queue + "\n"}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << "nothing to do right after: " << out;

  std::string url = s.python(
      "print(boto3.client('sqs', endpoint_url=ep, region_name=region).get_queue_url(QueueName='" +
      queue + "')['QueueUrl'])");
  std::string policy = s.python(
      "print(boto3.client('sqs', endpoint_url=ep, region_name=region).get_queue_attributes("
      "QueueUrl='" +
      url + "', AttributeNames=['Policy'])['Attributes']['Policy'])");
  EXPECT_NE(policy.find("events.amazonaws.com"), std::string::npos) << policy;

  s.python(putEvents({setQueueAttributesDetail(url, "aws-cli/2.15")}));
  std::string received = s.python(
      "import json\nsqs = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "m = sqs.receive_message(QueueUrl='" +
      url +
      "', WaitTimeSeconds=5, MaxNumberOfMessages=1).get('Messages', [])\n"
      "print(json.loads(m[0]['Body'])['detail']['eventName'] if m else 'none')");
  EXPECT_EQ(received, "SetQueueAttributes");
}

}  // namespace
}  // namespace driftless::e2e
