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
