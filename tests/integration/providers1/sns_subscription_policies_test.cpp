// AWS::SNS::Subscription DeliveryPolicy and SubscriptionRoleArn (issue 14):
// create, no-op, out-of-band change → drift → corrected, change → update.
#include "tests/integration/providers1/harness.h"

namespace driftless::testing {
namespace {

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

}  // namespace
}  // namespace driftless::testing
