#include "providers/sqs/schema.h"

#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::sqs {
namespace {

struct Case {
  const char* why;
  const char* props;
  std::vector<std::string> problems;
};

TEST(Queue, ValidateFollowsSqsRules) {
  const Case cases[] = {
      {"a plain queue is valid", R"({"QueueName": "orders-dev_1"})", {}},
      {"a FIFO queue with the suffix is valid",
       R"({"QueueName": "orders.fifo", "FifoQueue": true, "ContentBasedDeduplication": "true"})",
       {}},
      {"FifoQueue needs the suffix",
       R"({"QueueName": "orders", "FifoQueue": "true"})",
       {"QueueName: \"orders\" must end in .fifo because FifoQueue is true"}},
      {"the suffix needs FifoQueue",
       R"({"QueueName": "orders.fifo"})",
       {"QueueName: \"orders.fifo\" ends in .fifo, which requires FifoQueue: true"}},
      {"dots are not allowed",
       R"({"QueueName": "orders.v2"})",
       {"QueueName: \"orders.v2\" may contain only letters, digits, hyphens and underscores"}},
      {"81 characters is too long",
       R"({"QueueName": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})",
       {"QueueName: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaa\" must be 1 to 80 characters long"}},
      {"content-based deduplication needs FIFO",
       R"({"QueueName": "q", "ContentBasedDeduplication": true})",
       {"ContentBasedDeduplication: only allowed when FifoQueue is true"}},
      {"ranges are checked, strings too",
       R"({"QueueName": "q", "DelaySeconds": "901",
         "MessageRetentionPeriod": 59, "ReceiveMessageWaitTimeSeconds": 20})",
       {"DelaySeconds: must be between 0 and 900, got 901",
        "MessageRetentionPeriod: must be between 60 and 1209600, got 59"}},
      {"redrive policy needs both fields",
       R"({"QueueName": "q", "RedrivePolicy": {"maxReceiveCount": 0}})",
       {"RedrivePolicy: deadLetterTargetArn is required",
        "RedrivePolicy.maxReceiveCount: must be between 1 and 1000, got 0"}},
      {"an unresolved GetAtt is left alone",
       R"({"QueueName": "q", "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["D", "Arn"]},
          "maxReceiveCount": 5}})",
       {}},
  };
  for (const auto& c : cases) {
    auto props = Value::fromJson(c.props);
    ASSERT_TRUE(props) << c.why;
    EXPECT_EQ(validateQueue(*props), c.problems) << c.why;
  }
}

TEST(Queue, IsRegisteredWithCloudFormationNames) {
  const TypeInfo* q = builtinRegistry().info("AWS::SQS::Queue");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->refAttribute, "QueueUrl");
  EXPECT_EQ(q->getAttributes, (std::vector<std::string>{"Arn", "QueueName", "QueueUrl"}));
  EXPECT_TRUE(q->property("QueueName")->immutable);
  EXPECT_TRUE(q->property("FifoQueue")->immutable);
  EXPECT_FALSE(q->property("DelaySeconds")->immutable);
}

}  // namespace
}  // namespace driftless::sqs
