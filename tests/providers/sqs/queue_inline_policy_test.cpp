// AWS::SQS::QueueInlinePolicy as data: one queue (its URL, a replace when it
// changes) and a policy document.
#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::sqs {
namespace {

std::vector<std::string> problems(const char* json) {
  auto props = Value::fromJson(json);
  EXPECT_TRUE(props.has_value()) << json;
  return builtinRegistry().info("AWS::SQS::QueueInlinePolicy")->validate(*props);
}

TEST(QueueInlinePolicy, IsRegisteredWithCloudFormationNames) {
  const TypeInfo* t = builtinRegistry().info("AWS::SQS::QueueInlinePolicy");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->service, "sqs");
  EXPECT_FALSE(t->taggable);
  EXPECT_EQ(t->refAttribute, "") << "Ref is the physical id: the queue's URL";
  EXPECT_TRUE(t->getAttributes.empty());
  ASSERT_NE(t->property("Queue"), nullptr);
  EXPECT_TRUE(t->property("Queue")->required);
  EXPECT_TRUE(t->property("Queue")->immutable) << "another queue is another resource";
  ASSERT_NE(t->property("PolicyDocument"), nullptr);
  EXPECT_TRUE(t->property("PolicyDocument")->required);
  EXPECT_FALSE(t->property("PolicyDocument")->immutable);
  EXPECT_EQ(t->iamActions,
            (std::vector<std::string>{"sqs:GetQueueAttributes", "sqs:SetQueueAttributes"}));
}

TEST(QueueInlinePolicy, ValidateWantsAQueueUrlAndAJsonDocument) {
  EXPECT_EQ(problems(R"({"Queue": "https://sqs.eu-west-1.amazonaws.com/1/q",
                         "PolicyDocument": {"Version": "2012-10-17", "Statement": []}})"),
            std::vector<std::string>{});
  EXPECT_EQ(problems(R"({"Queue": "orders", "PolicyDocument": {}})"),
            std::vector<std::string>{
                "Queue: \"orders\" is not a queue URL (use !Ref of the AWS::SQS::Queue)"});
  EXPECT_EQ(problems(R"({"Queue": "https://sqs.eu-west-1.amazonaws.com/1/q",
                         "PolicyDocument": "{not json"})"),
            std::vector<std::string>{"PolicyDocument: is a string but not a JSON document"});
  EXPECT_EQ(problems(R"({"Queue": {"Ref": "Orders"}, "PolicyDocument": {}})"),
            std::vector<std::string>{})
      << "an unresolved Ref is left alone";
}

}  // namespace
}  // namespace driftless::sqs
