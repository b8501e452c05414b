#include "providers/sns/schema.h"

#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::sns {
namespace {

struct Case {
  const char* why;
  const char* props;
  std::vector<std::string> problems;
};

TEST(Topic, ValidateFollowsSnsRules) {
  const Case cases[] = {
      {"a plain topic is valid", R"({"TopicName": "events_1-dev"})", {}},
      {"a FIFO topic with suffix", R"({"TopicName": "e.fifo", "FifoTopic": true})", {}},
      {"FifoTopic needs the suffix",
       R"({"TopicName": "e", "FifoTopic": true})",
       {"TopicName: \"e\" must end in .fifo because FifoTopic is true"}},
      {"the suffix needs FifoTopic",
       R"({"TopicName": "e.fifo"})",
       {"TopicName: \"e.fifo\" ends in .fifo, which requires FifoTopic: true"}},
      {"spaces are not allowed",
       R"({"TopicName": "my topic"})",
       {"TopicName: \"my topic\" may contain only letters, digits, hyphens and underscores"}},
      {"content-based deduplication needs FIFO",
       R"({"TopicName": "t", "ContentBasedDeduplication": true})",
       {"ContentBasedDeduplication: only allowed when FifoTopic is true"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(validateTopic(*Value::fromJson(c.props)), c.problems) << c.why;
}

TEST(Subscription, ValidateChecksProtocolRules) {
  const Case cases[] = {
      {"sqs with raw delivery",
       R"({"TopicArn": "arn:aws:sns:us-east-1:1:t", "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:1:q",
          "RawMessageDelivery": true})",
       {}},
      {"raw delivery is not for email",
       R"({"TopicArn": "arn:aws:sns:us-east-1:1:t", "Protocol": "email", "Endpoint": "a@b.c",
          "RawMessageDelivery": "true"})",
       {"RawMessageDelivery: only allowed for the sqs, http, https and firehose protocols"}},
      {"the endpoint is part of the identity",
       R"({"TopicArn": "arn:aws:sns:us-east-1:1:t", "Protocol": "sqs"})",
       {"Endpoint: is required (the subscription's identity is topic, protocol and endpoint)"}},
      {"a topic name is not an ARN",
       R"({"TopicArn": "t", "Protocol": "sqs", "Endpoint": "e", "FilterPolicy": "{x"})",
       {"TopicArn: \"t\" is not an ARN", "FilterPolicy: is a string but not a JSON document"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(validateSubscription(*Value::fromJson(c.props)), c.problems) << c.why;
}

TEST(SnsTypes, AreRegisteredWithCloudFormationNames) {
  const TypeInfo* topic = builtinRegistry().info("AWS::SNS::Topic");
  ASSERT_NE(topic, nullptr);
  EXPECT_EQ(topic->refAttribute, "TopicArn");
  EXPECT_TRUE(topic->property("TopicName")->immutable);
  EXPECT_TRUE(topic->property("FifoTopic")->immutable);
  const TypeInfo* sub = builtinRegistry().info("AWS::SNS::Subscription");
  ASSERT_NE(sub, nullptr);
  EXPECT_FALSE(sub->taggable);
  EXPECT_EQ(sub->physicalNameProperty, "");
  EXPECT_TRUE(sub->property("Endpoint")->immutable);
}

}  // namespace
}  // namespace driftless::sns
