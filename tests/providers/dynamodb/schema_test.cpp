#include "providers/dynamodb/schema.h"

#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::dynamodb {
namespace {

struct Case {
  const char* why;
  const char* props;
  std::vector<std::string> problems;
};

TEST(Table, ValidateFollowsDynamoDbRules) {
  const Case cases[] = {
      {"on-demand table with a GSI",
       R"({"TableName": "orders.v1_dev-1", "BillingMode": "PAY_PER_REQUEST",
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                   {"AttributeName": "gsk", "AttributeType": "N"}],
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
          "GlobalSecondaryIndexes": [{"IndexName": "by-gsk",
             "KeySchema": [{"AttributeName": "gsk", "KeyType": "HASH"}],
             "Projection": {"ProjectionType": "ALL"}}]})",
       {}},
      {"name too short and with a bad character",
       R"({"TableName": "a$", "BillingMode": "PAY_PER_REQUEST",
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})",
       {"TableName: \"a$\" must be 3 to 255 characters of letters, digits, '_', '-' and '.'"}},
      {"key attributes must be defined and definitions used",
       R"({"TableName": "t12", "BillingMode": "PAY_PER_REQUEST",
          "AttributeDefinitions": [{"AttributeName": "other", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})",
       {"KeySchema: attribute \"pk\" is not in AttributeDefinitions",
        "AttributeDefinitions: attribute \"other\" is not used by KeySchema or an index "
        "(DynamoDB rejects it)"}},
      {"provisioned (the default) needs throughput",
       R"({"TableName": "t12",
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})",
       {"ProvisionedThroughput: is required when BillingMode is PROVISIONED (the default)"}},
      {"HASH comes first",
       R"({"TableName": "t12", "BillingMode": "PAY_PER_REQUEST",
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                   {"AttributeName": "sk", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "sk", "KeyType": "RANGE"},
                        {"AttributeName": "pk", "KeyType": "HASH"}]})",
       {"KeySchema: the first key must be the HASH key",
        "KeySchema: the second key must be the RANGE key"}},
      {"GSI throughput must match billing mode and keys must be defined",
       R"({"TableName": "t12", "BillingMode": "PAY_PER_REQUEST",
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
          "GlobalSecondaryIndexes": [{"IndexName": "g1",
             "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
             "Projection": {"ProjectionType": "ALL"},
             "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}]})",
       {"GlobalSecondaryIndexes.g1: IndexName must be 3 to 255 characters of letters, digits, "
        "'_', '-' and '.'",
        "GlobalSecondaryIndexes.g1.KeySchema: attribute \"x\" is not in AttributeDefinitions",
        "GlobalSecondaryIndexes.g1: ProvisionedThroughput not allowed when BillingMode is "
        "PAY_PER_REQUEST"}},
      {"TTL enabled needs the attribute",
       R"({"TableName": "t12", "BillingMode": "PAY_PER_REQUEST",
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
          "TimeToLiveSpecification": {"Enabled": true}})",
       {"TimeToLiveSpecification: AttributeName is required when Enabled is true"}},
  };
  for (const auto& c : cases) {
    auto props = Value::fromJson(c.props);
    ASSERT_TRUE(props) << c.why;
    EXPECT_EQ(validateTable(*props), c.problems) << c.why;
  }
}

TEST(Table, IsRegisteredWithCloudFormationNames) {
  const TypeInfo* t = builtinRegistry().info("AWS::DynamoDB::Table");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->physicalNameProperty, "TableName");
  EXPECT_EQ(t->refAttribute, "");
  EXPECT_EQ(t->getAttributes, (std::vector<std::string>{"Arn", "StreamArn"}));
  EXPECT_TRUE(t->property("KeySchema")->immutable);
  EXPECT_TRUE(t->property("TableName")->immutable);
  EXPECT_FALSE(t->property("GlobalSecondaryIndexes")->immutable);
}

}  // namespace
}  // namespace driftless::dynamodb
