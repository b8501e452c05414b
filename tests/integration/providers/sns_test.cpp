// Integration tests of providers/sns/ against a real peer.
#include "tests/integration/providers/harness.h"

namespace driftless::testing {
namespace sns {

TEST(SnsTopicProvider, CreateObserveDriftRestoreRemove) {
  Harness h("AWS::SNS::Topic");
  const std::string name = uniqueName("events");
  Desired d = h.desired("Events", json(R"({"TopicName": ")" + name + R"(", "DisplayName": "Events",
      "FifoTopic": false, "KmsMasterKeyId": "alias/aws/sns",
      "Tags": [{"Key": "team", "Value": "payments"}]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));
  const std::string arn = "arn:aws:sns:us-east-1:123456789012:" + name;
  EXPECT_EQ(*live.attributes.find("TopicArn"), Value(arn));
  EXPECT_EQ(*live.attributes.find("TopicName"), Value(name));

  h.stats().reset();
  live = h.observe(d);
  EXPECT_EQ(h.calls(), (std::map<std::string, std::uint64_t>{{"sns:GetTopicAttributes", 1},
                                                             {"sns:ListTagsForResource", 1}}));

  h.outOfBand("sns", "c.set_topic_attributes(TopicArn='" + arn +
                         "', AttributeName='DisplayName', AttributeValue='Changed')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"DisplayName"});
  EXPECT_EQ(*drift.changes[0].live, Value("Changed"));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  d.properties["Tags"] = json(R"([{"Key": "team", "Value": "orders"}])");
  Delta tagsOnly = h.p().diff(d, live);
  ASSERT_EQ(paths(tagsOnly), std::vector<std::string>{"Tags"});
  h.stats().reset();
  live = h.update(d, live, tagsOnly);
  EXPECT_EQ(h.calls(), (std::map<std::string, std::uint64_t>{{"sns:GetTopicAttributes", 1},
                                                             {"sns:ListTagsForResource", 1},
                                                             {"sns:TagResource", 1}}));
  EXPECT_TRUE(h.p().diff(d, live).empty());

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

TEST(SnsTopicProvider, FifoTopicWithContentBasedDeduplication) {
  Harness h("AWS::SNS::Topic");
  const std::string name = uniqueName("orders") + ".fifo";
  Desired d =
      h.desired("Fifo", json(R"({"TopicName": ")" + name +
                             R"(", "FifoTopic": true, "ContentBasedDeduplication": true})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  h.outOfBand("sns", "c.set_topic_attributes(TopicArn='arn:aws:sns:us-east-1:123456789012:" + name +
                         "', AttributeName='ContentBasedDeduplication', AttributeValue='false')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"ContentBasedDeduplication"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());
  h.remove(d, live);
}

TEST(SnsTopicProvider, AnUnownedTopicHasNoOwnerAndAdoptAddsTheTags) {
  Harness h("AWS::SNS::Topic");
  const std::string name = uniqueName("adopt-topic");
  h.outOfBand("sns", "c.create_topic(Name='" + name + "')\n");
  Desired d = h.desired("Adopted", json(R"({"TopicName": ")" + name + R"("})"));
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_FALSE(live.owner.has_value());
  d.adopt = true;
  live = h.update(d, live, h.p().diff(d, live));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));
  h.remove(d, live);
}

TEST(SnsSubscriptionProvider, CreateObserveDriftRestoreRemove) {
  Harness topics("AWS::SNS::Topic");
  Harness queues("AWS::SQS::Queue");
  Desired topic =
      topics.desired("T", json(R"({"TopicName": ")" + uniqueName("sub-topic") + R"("})"));
  Observed topicLive = topics.create(topic);
  Desired queue =
      queues.desired("Q", json(R"({"QueueName": ")" + uniqueName("sub-queue") + R"("})"));
  Observed queueLive = queues.create(queue);
  const std::string topicArn = topicLive.attributes.find("TopicArn")->scalarText();
  const std::string queueArn = queueLive.attributes.find("Arn")->scalarText();

  Harness h("AWS::SNS::Subscription");
  Desired d = h.desired("Sub", json(R"({"TopicArn": ")" + topicArn + R"(", "Protocol": "sqs",
      "Endpoint": ")" + queueArn + R"(", "RawMessageDelivery": true,
      "FilterPolicy": {"event": ["created"], "amount": [{"numeric": [">", 10]}]},
      "FilterPolicyScope": "MessageAttributes",
      "RedrivePolicy": {"deadLetterTargetArn": ")" +
                                    queueArn + R"("}})"));
  // Not created yet: found by (topic, protocol, endpoint), so absent.
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(live.physicalId.starts_with(topicArn + ":")) << live.physicalId;
  EXPECT_EQ(*live.attributes.find("Arn"), Value(live.physicalId));
  EXPECT_FALSE(live.owner.has_value());  // not taggable: ownership lives in state
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Once state knows the ARN, observe is one call.
  d.physicalId = live.physicalId;
  h.stats().reset();
  live = h.observe(d);
  EXPECT_EQ(h.calls(),
            (std::map<std::string, std::uint64_t>{{"sns:GetSubscriptionAttributes", 1}}));

  h.outOfBand("sns", "c.set_subscription_attributes(SubscriptionArn='" + live.physicalId +
                         "', AttributeName='RawMessageDelivery', AttributeValue='false')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"RawMessageDelivery"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
  queues.remove(queue, queueLive);
  topics.remove(topic, topicLive);
}

}  // namespace sns
}  // namespace driftless::testing

// AWS::SNS::Subscription DeliveryPolicy and SubscriptionRoleArn (issue 14):
// create, no-op, out-of-band change → drift → corrected, change → update.
namespace driftless::testing {
namespace sns_subscription_policies {

TEST(SnsSubscriptionProvider, DeliveryPolicyAndRoleRoundTrip) {
  Harness topics("AWS::SNS::Topic");
  Harness queues("AWS::SQS::Queue");
  Desired topic =
      topics.desired("T", json(R"({"TopicName": ")" + uniqueName("dp-topic") + R"("})"));
  Observed topicLive = topics.create(topic);
  Desired queue =
      queues.desired("Q", json(R"({"QueueName": ")" + uniqueName("dp-queue") + R"("})"));
  Observed queueLive = queues.create(queue);
  const std::string topicArn = topicLive.attributes.find("TopicArn")->scalarText();
  const std::string queueArn = queueLive.attributes.find("Arn")->scalarText();

  Harness h("AWS::SNS::Subscription");
  auto props = [&](int retries, const std::string& role) {
    return json(R"({"TopicArn": ")" + topicArn + R"(", "Protocol": "sqs", "Endpoint": ")" +
                queueArn + R"(", "SubscriptionRoleArn": ")" + role +
                R"(", "DeliveryPolicy": {"healthyRetryPolicy": {"numRetries": )" +
                std::to_string(retries) + R"(, "minDelayTarget": 1, "maxDelayTarget": 20}}})");
  };
  const std::string role = "arn:aws:iam::123456789012:role/sns-delivery";
  Desired d = h.desired("Sub", props(5, role));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.findPath("DeliveryPolicy.healthyRetryPolicy.numRetries"), Value(5));
  EXPECT_EQ(*live.properties.find("SubscriptionRoleArn"), Value(role));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  d.physicalId = live.physicalId;

  // Out-of-band change: drift on DeliveryPolicy only, corrected by an update.
  h.outOfBand("sns",
              "c.set_subscription_attributes(SubscriptionArn='" + live.physicalId +
                  "', AttributeName='DeliveryPolicy', AttributeValue='{\"healthyRetryPolicy\":"
                  " {\"numRetries\": 2, \"minDelayTarget\": 1, \"maxDelayTarget\": 20}}')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"DeliveryPolicy"});  // JSON: as a whole
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  // A changed manifest: an in-place update of both.
  Desired changed = h.desired("Sub", props(9, role + "-2"));
  changed.physicalId = live.physicalId;
  Delta delta = h.p().diff(changed, live);
  EXPECT_EQ(paths(delta), (std::vector<std::string>{"DeliveryPolicy", "SubscriptionRoleArn"}));
  live = h.update(changed, live, delta);
  EXPECT_EQ(live.physicalId, d.physicalId);
  EXPECT_TRUE(h.p().diff(changed, h.observe(changed)).empty());

  h.remove(changed, live);
  queues.remove(queue, queueLive);
  topics.remove(topic, topicLive);
}

}  // namespace sns_subscription_policies
}  // namespace driftless::testing

// AWS::SNS::Topic SignatureVersion, TracingConfig, FifoThroughputScope,
// ArchivePolicy, DeliveryStatusLogging and DataProtectionPolicy (issue 14).
// moto 5.2.1 stores the attributes CreateTopic and SetTopicAttributes send but
// GetTopicAttributes never returns them, and it has no data protection API:
// against moto the test reads what was stored from moto's own model dump
// (/moto-api/data.json); observe, drift and the update's calls are checked on
// the wire format against a stub answering as SNS does.
#include "providers/sns/schema.h"
#include "tests/support/http_stub.h"

namespace driftless::testing {
namespace sns_topic_attributes {

// What moto stored for the topic, checked by Python asserts over `t`.
void expectStored(const MotoServer& m, const std::string& name, const std::string& asserts) {
  int rc = 0;
  std::string out = m.python(
      "import json, urllib.request\n"
      "d = json.load(urllib.request.urlopen(ep + '/moto-api/data.json'))\n"
      "t = [x for x in d['sns']['Topic'] if x['name'] == '" +
          name + "'][0]\n" + asserts,
      &rc);
  EXPECT_EQ(rc, 0) << out;
}

TEST(SnsTopicProvider, DeliveryAttributesAreSentOnCreateAndUpdate) {
  // A moto of its own: the model dump covers every service's models, and some
  // other tests' models (S3, DynamoDB) do not serialise.
  std::string error;
  auto m = MotoServer::start({}, &error);
  ASSERT_TRUE(m) << error;
  Harness h("AWS::SNS::Topic", Harness::Options{.endpoint = m->endpoint()});
  const std::string name = uniqueName("archived") + ".fifo";
  auto props = [&](const std::string& tracing, int retention, const std::string& sampleRate) {
    return json(R"({"TopicName": ")" + name + R"(", "FifoTopic": true,
      "SignatureVersion": "2", "TracingConfig": ")" +
                tracing + R"(",
      "FifoThroughputScope": "MessageGroup", "MaximumMessageSize": 524288,
      "ArchivePolicy": {"MessageRetentionPeriod": ")" +
                std::to_string(retention) + R"("},
      "DeliveryStatusLogging": [{"Protocol": "sqs",
        "SuccessFeedbackRoleArn": "arn:aws:iam::123456789012:role/sns-ok",
        "SuccessFeedbackSampleRate": ")" +
                sampleRate + R"(",
        "FailureFeedbackRoleArn": "arn:aws:iam::123456789012:role/sns-failed"}]})");
  };
  Desired d = h.desired("Archived", props("Active", 30, "50"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  expectStored(*m, name,
               "assert t['signature_version'] == '2', t\n"
               "assert t['tracing_config'] == 'Active', t\n"
               "assert t['fifo_throughput_scope'] == 'MessageGroup', t\n"
               "assert t['maximum_message_size'] == '524288', t\n"
               "assert json.loads(t['archive_policy']) == {'MessageRetentionPeriod': '30'}, t\n"
               "assert t['sqs_success_feedback_role_arn'].endswith('role/sns-ok'), t\n"
               "assert t['sqs_success_feedback_sample_rate'] == '50', t\n"
               "assert t['sqs_failure_feedback_role_arn'].endswith('role/sns-failed'), t\n");

  Desired changed = h.desired("Archived", props("Active", 60, "100"));
  live = h.update(changed, live, h.p().diff(changed, live));
  expectStored(*m, name,
               "assert json.loads(t['archive_policy']) == {'MessageRetentionPeriod': '60'}, t\n"
               "assert t['sqs_success_feedback_sample_rate'] == '100', t\n");
  h.remove(changed, live);
  EXPECT_FALSE(h.observe(changed).exists);
}

// Form fields of a query-protocol request body ("Action=...&TopicArn=...").
std::map<std::string, std::string> form(const std::string& body) {
  std::map<std::string, std::string> out;
  auto decode = [](std::string s) {
    std::string r;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        r += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        r += s[i] == '+' ? ' ' : s[i];
      }
    }
    return r;
  };
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string kv = body.substr(start, end - start);
    std::size_t eq = kv.find('=');
    if (eq != std::string::npos) out[decode(kv.substr(0, eq))] = decode(kv.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

// SNS as AWS answers: GetTopicAttributes with every attribute it reports.
struct SnsStub {
  std::map<std::string, std::string> attributes;
  std::string dataProtectionPolicy;
  HttpStub stub{[this](const StubRequest& r) { return answer(r); }};

  StubResponse answer(const StubRequest& r) {
    auto f = form(r.body);
    const std::string action = f["Action"];
    std::string result;
    if (action == "GetTopicAttributes") {
      result = "<Attributes>";
      for (const auto& [k, v] : attributes)
        result += "<entry><key>" + k + "</key><value>" + xmlEscape(v) + "</value></entry>";
      result += "</Attributes>";
    } else if (action == "ListTagsForResource") {
      result = "<Tags/>";
    } else if (action == "GetDataProtectionPolicy") {
      result =
          "<DataProtectionPolicy>" + xmlEscape(dataProtectionPolicy) + "</DataProtectionPolicy>";
    }
    StubResponse out;
    out.headers = {{"Content-Type", "text/xml"}};
    out.body = "<" + action + "Response xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><" +
               action + "Result>" + result + "</" + action +
               "Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + action +
               "Response>";
    return out;
  }
  static std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s)
      out += c == '<'   ? "&lt;"
             : c == '>' ? "&gt;"
             : c == '&' ? "&amp;"
             : c == '"' ? "&quot;"
                        : std::string(1, c);
    return out;
  }
  // The form fields of every request with this Action.
  std::vector<std::map<std::string, std::string>> sent(const std::string& action) const {
    std::vector<std::map<std::string, std::string>> out;
    for (const auto& r : stub.requests())
      if (auto f = form(r.body); f["Action"] == action) out.push_back(f);
    return out;
  }
};

const char* kPolicy = R"({"Name": "p", "Version": "2021-06-01", "Statement": []})";

TEST(SnsTopicProvider, DeliveryAttributesObservedAndUpdatedOnTheWire) {
  SnsStub sns;
  const std::string arn = "arn:aws:sns:us-east-1:123456789012:orders.fifo";
  sns.attributes = {{"TopicArn", arn},
                    {"DisplayName", ""},
                    {"FifoTopic", "true"},
                    {"ContentBasedDeduplication", "false"},
                    {"SignatureVersion", "2"},
                    {"TracingConfig", "Active"},
                    {"FifoThroughputScope", "MessageGroup"},
                    {"MaximumMessageSize", "1048576"},
                    {"ArchivePolicy", R"({"MessageRetentionPeriod":"30"})"},
                    {"HTTPSuccessFeedbackRoleArn", "arn:aws:iam::1:role/ok"},
                    {"HTTPSuccessFeedbackSampleRate", "10"},
                    {"HTTPFailureFeedbackRoleArn", "arn:aws:iam::1:role/failed"},
                    {"SQSFailureFeedbackRoleArn", "arn:aws:iam::1:role/failed"}};
  sns.dataProtectionPolicy = kPolicy;
  Harness h("AWS::SNS::Topic", Harness::Options{.endpoint = sns.stub.url()});
  // DeliveryStatusLogging in any order; ArchivePolicy as a document.
  Desired d = h.desired("Orders", json(R"({"TopicName": "orders.fifo", "FifoTopic": true,
      "SignatureVersion": 2, "TracingConfig": "Active", "FifoThroughputScope": "MessageGroup",
      "MaximumMessageSize": 1048576, "ArchivePolicy": {"MessageRetentionPeriod": "30"},
      "DataProtectionPolicy": {"Name": "p", "Version": "2021-06-01", "Statement": []},
      "DeliveryStatusLogging": [
        {"Protocol": "sqs", "FailureFeedbackRoleArn": "arn:aws:iam::1:role/failed"},
        {"Protocol": "http/s", "SuccessFeedbackRoleArn": "arn:aws:iam::1:role/ok",
         "SuccessFeedbackSampleRate": "10", "FailureFeedbackRoleArn": "arn:aws:iam::1:role/failed"}]})"));
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  // "http", driftless's spelling before CloudFormation's "http/s", is the same protocol.
  Desired older = d;
  older.properties["DeliveryStatusLogging"].asArray()[1]["Protocol"] = "http";
  EXPECT_TRUE(h.p().diff(older, live).empty())
      << ::testing::PrintToString(paths(h.p().diff(older, live)));
  EXPECT_EQ(sns.sent("GetDataProtectionPolicy").size(), 1u);

  // Changed out of band: drift on exactly what changed.
  sns.attributes["TracingConfig"] = "PassThrough";
  sns.attributes.erase("MaximumMessageSize");  // back to the default, 256 KiB
  sns.attributes["HTTPSuccessFeedbackSampleRate"] = "100";
  sns.attributes["LambdaSuccessFeedbackRoleArn"] = "arn:aws:iam::1:role/other";
  sns.dataProtectionPolicy = R"({"Name": "other", "Version": "2021-06-01", "Statement": []})";
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{"DataProtectionPolicy", "DeliveryStatusLogging",
                                                    "MaximumMessageSize", "TracingConfig"}));
  h.update(d, live, drift);
  std::map<std::string, std::string> set;
  for (auto& f : sns.sent("SetTopicAttributes")) {
    EXPECT_EQ(f["TopicArn"], arn);
    set[f["AttributeName"]] = f["AttributeValue"];
  }
  // Only what differs: the sample rate back, the lambda role cleared, tracing.
  EXPECT_EQ(set, (std::map<std::string, std::string>{{"HTTPSuccessFeedbackSampleRate", "10"},
                                                     {"LambdaSuccessFeedbackRoleArn", ""},
                                                     {"MaximumMessageSize", "1048576"},
                                                     {"TracingConfig", "Active"}}));
  auto put = sns.sent("PutDataProtectionPolicy");
  ASSERT_EQ(put.size(), 1u);
  EXPECT_EQ(put[0]["ResourceArn"], arn);
  EXPECT_EQ(json(put[0]["DataProtectionPolicy"]), json(kPolicy));
}

TEST(SnsTopicProvider, CreateSendsEveryAttributeOnTheWire) {
  SnsStub sns;
  Harness h("AWS::SNS::Topic", Harness::Options{.endpoint = sns.stub.url()});
  Desired d = h.desired("T", json(R"({"TopicName": "t", "SignatureVersion": "2",
      "TracingConfig": "Active", "DataProtectionPolicy": {"Name": "p"},
      "DeliveryStatusLogging": [{"Protocol": "firehose", "SuccessFeedbackSampleRate": "5"}]})"));
  sns.attributes = {{"TopicArn", "arn:aws:sns:us-east-1:123456789012:t"}};
  auto r = h.run(h.p().create(d));
  (void)r;  // the stub's CreateTopic answer has no TopicArn: only the request matters here
  auto create = sns.sent("CreateTopic");
  ASSERT_EQ(create.size(), 1u);
  std::map<std::string, std::string> attrs;
  for (int i = 1; create[0].count("Attributes.entry." + std::to_string(i) + ".key"); ++i)
    attrs[create[0]["Attributes.entry." + std::to_string(i) + ".key"]] =
        create[0]["Attributes.entry." + std::to_string(i) + ".value"];
  EXPECT_EQ(attrs, (std::map<std::string, std::string>{{"FirehoseSuccessFeedbackSampleRate", "5"},
                                                       {"SignatureVersion", "2"},
                                                       {"TracingConfig", "Active"}}));
  EXPECT_EQ(json(create[0]["DataProtectionPolicy"]), json(R"({"Name": "p"})"));
}

TEST(SnsTopicProvider, FifoOnlyAttributesAreRefusedOnStandardTopics) {
  TypeInfo info = ::driftless::sns::topicTypeInfo();
  auto problems = info.validate(json(R"({"TopicName": "t", "FifoThroughputScope": "Topic",
      "ArchivePolicy": {"MessageRetentionPeriod": "1"}, "DataProtectionPolicy": "{not json"})"));
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "ArchivePolicy: only allowed when FifoTopic is true",
                          "FifoThroughputScope: only allowed when FifoTopic is true",
                          "DataProtectionPolicy: is a string but not a JSON document"}));
}

}  // namespace sns_topic_attributes
}  // namespace driftless::testing

// ReplayPolicy (moto 5.2.1 refuses the attribute: docs/manifest-reference.md,
// "What the emulator cannot do"), on SNS's wire format.
#include "tests/support/http_stub.h"

namespace driftless::testing {
namespace sns_replay {

const char* kSubArn = "arn:aws:sns:us-east-1:123456789012:orders.fifo:5f1d";

// An SNS query-protocol answer of `action` holding `result`.
std::string answer(const std::string& action, const std::string& result) {
  return "<" + action + "Response xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><" + action +
         "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>r</RequestId>" +
         "</ResponseMetadata></" + action + "Response>";
}

std::string entry(const std::string& k, const std::string& v) {
  return "<entry><key>" + k + "</key><value>" + v + "</value></entry>";
}

TEST(SnsSubscriptionWire, ReplayPolicyIsSentAndReadBack) {
  std::string replay =
      "{&quot;PointType&quot;:&quot;Timestamp&quot;,"
      "&quot;StartingPoint&quot;:&quot;2030-01-01T00:00:00Z&quot;}";
  HttpStub stub([&](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "text/xml"}};
    if (r.body.find("Action=Subscribe") != std::string::npos)
      out.body =
          answer("Subscribe", "<SubscriptionArn>" + std::string(kSubArn) + "</SubscriptionArn>");
    else if (r.body.find("Action=GetSubscriptionAttributes") != std::string::npos)
      out.body = answer("GetSubscriptionAttributes",
                        "<Attributes>" +
                            entry("TopicArn", "arn:aws:sns:us-east-1:123456789012:orders.fifo") +
                            entry("Protocol", "sqs") +
                            entry("Endpoint", "arn:aws:sqs:us-east-1:123456789012:replay.fifo") +
                            entry("ReplayPolicy", replay) + "</Attributes>");
    else
      out.body = answer("SetSubscriptionAttributes", "");
    return out;
  });
  Harness h("AWS::SNS::Subscription", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Replay", *Value::fromJson(R"({
      "TopicArn": "arn:aws:sns:us-east-1:123456789012:orders.fifo", "Protocol": "sqs",
      "Endpoint": "arn:aws:sqs:us-east-1:123456789012:replay.fifo",
      "ReplayPolicy": {"PointType": "Timestamp", "StartingPoint": "2030-01-01T00:00:00Z"}})"));
  Observed live = h.create(d);
  auto sent = [&](const std::string& action) {
    std::vector<std::string> out;
    for (const auto& r : stub.requests())
      if (r.body.find("Action=" + action) != std::string::npos) out.push_back(r.body);
    return out;
  };
  ASSERT_EQ(sent("Subscribe").size(), 1u);
  EXPECT_NE(sent("Subscribe")[0].find("Attributes.entry.1.key=ReplayPolicy"), std::string::npos)
      << sent("Subscribe")[0];
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Another starting point in the manifest: one SetSubscriptionAttributes.
  d.properties["ReplayPolicy"]["StartingPoint"] = Value("2030-02-01T00:00:00Z");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"ReplayPolicy"});
  h.update(d, live, change);
  ASSERT_EQ(sent("SetSubscriptionAttributes").size(), 1u);
  EXPECT_NE(sent("SetSubscriptionAttributes")[0].find("AttributeName=ReplayPolicy"),
            std::string::npos);
  EXPECT_NE(sent("SetSubscriptionAttributes")[0].find("2030-02-01"), std::string::npos);
}

}  // namespace sns_replay
}  // namespace driftless::testing
