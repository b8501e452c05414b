// `unmanaged --all`'s inventories (providers/common/inventory_spec.h): every
// builtin type declares one, listed or saying why not, and the templates that
// turn a listed name into an ARN.
#include "providers/common/inventory.h"

#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::common {
namespace {

TEST(Inventory, EveryTypeIsListedOrSaysWhyNot) {
  const Registry& registry = builtinRegistry();
  for (const auto& type : registry.types()) {
    const Inventory* inventory = inventoryOf(type);
    ASSERT_NE(inventory, nullptr) << type << " registers no inventory (common::Type)";
    EXPECT_NE(inventory->calls.empty(), inventory->notListed.empty())
        << type << ": either list calls or why it is not listed";
    for (const auto& call : inventory->calls)
      EXPECT_FALSE(call.operation.empty() || call.items.empty()) << type;
  }
  for (const char* policy : {"AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy",
                             "AWS::Lambda::Permission", "AWS::IAM::Policy", "AWS::IAM::RolePolicy"})
    EXPECT_TRUE(inventoryOf(policy)->calls.empty()) << policy << " is part of its parent";
}

TEST(Inventory, AwsOwnDefaultsAreLeftOut) {
  auto skips = [](const char* type, const std::string& arn) {
    const Inventory* inv = inventoryOf(type);
    for (const auto& s : inv->skipContaining)
      if (arn.find(s) != std::string::npos) return true;
    for (const auto& s : inv->skipEnding)
      if (arn.ends_with(s)) return true;
    return false;
  };
  builtinRegistry();
  EXPECT_TRUE(skips("AWS::Events::EventBus", "arn:aws:events:eu-west-1:1:event-bus/default"));
  EXPECT_FALSE(skips("AWS::Events::EventBus", "arn:aws:events:eu-west-1:1:event-bus/orders"));
  EXPECT_TRUE(skips("AWS::KMS::Alias", "arn:aws:kms:eu-west-1:1:alias/aws/s3"));
  EXPECT_FALSE(skips("AWS::KMS::Alias", "arn:aws:kms:eu-west-1:1:alias/orders"));
  EXPECT_TRUE(skips("AWS::IAM::Role",
                    "arn:aws:iam::1:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"));
  EXPECT_FALSE(skips("AWS::IAM::Role", "arn:aws:iam::1:role/service-role/my-lambda-role"));
  EXPECT_TRUE(skips("AWS::Athena::WorkGroup", "arn:aws:athena:eu-west-1:1:workgroup/primary"));
  EXPECT_TRUE(skips("AWS::Lambda::Version", "arn:aws:lambda:eu-west-1:1:function:f:$LATEST"));
  EXPECT_EQ(inventoryOf("AWS::KMS::Key")->check.skipValues, std::vector<std::string>{"AWS"});
  EXPECT_EQ(inventoryOf("AWS::IAM::ManagedPolicy")->calls.front().params,
            (std::vector<std::pair<std::string, std::string>>{{"Scope", "Local"}}))
      << "the account's own policies, not AWS's";
}

TEST(Inventory, TemplatesMakeArnsOfListedNames) {
  std::vector<std::pair<std::string, std::string>> vars = {{"partition", "aws"},
                                                           {"region", "eu-west-1"},
                                                           {"account", "111111111111"},
                                                           {"last", "orders"},
                                                           {"path", "app/db-url"}};
  EXPECT_EQ(expandTemplate("arn:{partition}:sqs:{region}:{account}:{last}", vars),
            "arn:aws:sqs:eu-west-1:111111111111:orders");
  EXPECT_EQ(expandTemplate("arn:{partition}:ssm:{region}:{account}:parameter/{path}", vars),
            "arn:aws:ssm:eu-west-1:111111111111:parameter/app/db-url");
  EXPECT_EQ(expandTemplate("{unknown}/{last", vars), "{unknown}/{last");
  EXPECT_EQ(lastPart("https://sqs.eu-west-1.amazonaws.com/111111111111/orders"), "orders");
  EXPECT_EQ(lastPart("arn:aws:lambda:eu-west-1:1:function:resize"), "resize");
  EXPECT_EQ(lastPart("arn:aws:iam::1:role/path/app-role"), "app-role");
  EXPECT_EQ(lastPart("plain"), "plain");
}

}  // namespace
}  // namespace driftless::common
