#include "providers/dynamodb/table_model.h"

#include <gtest/gtest.h>

#include "providers/compare.h"
#include "providers/dynamodb/schema.h"

namespace driftless::dynamodb {
namespace {

Value json(const char* s) {
  return *Value::fromJson(s);
}

const char* kManifest = R"({
  "TableName": "orders",
  "BillingMode": "PROVISIONED",
  "AttributeDefinitions": [{"AttributeName": "sk", "AttributeType": "S"},
                           {"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": "5", "WriteCapacityUnits": 5},
  "GlobalSecondaryIndexes": [{"IndexName": "by-sk", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "KEYS_ONLY"},
     "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
  "StreamSpecification": {"StreamViewType": "NEW_IMAGE"},
  "DeletionProtectionEnabled": "false",
  "TableClass": "STANDARD"
})";

TEST(TableModel, CreateRequestUsesJsonTypes) {
  auto req = createTableRequest(json(kManifest), {{"driftless:stack", Value("s")}});
  EXPECT_EQ(*req.findPath("ProvisionedThroughput.ReadCapacityUnits"), Value(5));
  EXPECT_TRUE(req.findPath("ProvisionedThroughput.ReadCapacityUnits")->isInt());
  EXPECT_EQ(*req.find("DeletionProtectionEnabled"), Value(false));
  EXPECT_EQ(*req.find("StreamSpecification"),
            json(R"({"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"})"));
  EXPECT_EQ(*req.find("Tags"), json(R"([{"Key": "driftless:stack", "Value": "s"}])"));
}

// A DescribeTable answer for the manifest above, as DynamoDB writes it.
const char* kDescription = R"({
  "TableName": "orders", "TableStatus": "ACTIVE", "TableArn": "arn:aws:dynamodb:us-east-1:1:table/orders",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5, "NumberOfDecreasesToday": 0},
  "GlobalSecondaryIndexes": [{"IndexName": "by-sk", "IndexStatus": "ACTIVE",
     "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"},
     "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
  "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"}
})";

TEST(TableModel, DescriptionOfTheCreatedTableShowsNoDrift) {
  Value live = fromDescription(json(kDescription));
  EXPECT_EQ(*live.find("BillingMode"), Value("PROVISIONED"));  // the default, not reported by AWS
  EXPECT_EQ(*live.find("TableClass"), Value("STANDARD"));
  auto delta = compareProperties(tableTypeInfo(), normalise(json(kManifest)), normalise(live));
  for (const auto& c : delta.changes)
    ADD_FAILURE() << c.path;
  EXPECT_EQ(statusOf(json(kDescription)), "");
}

TEST(TableModel, TransitionalStatusComesFromTableOrIndex) {
  Value creating = json(kDescription);
  creating["TableStatus"] = Value("CREATING");
  EXPECT_EQ(statusOf(creating), "CREATING");
  Value indexing = json(kDescription);
  indexing["GlobalSecondaryIndexes"].asArray()[0]["IndexStatus"] = Value("CREATING");
  EXPECT_EQ(statusOf(indexing), "UPDATING");
}

TEST(TableModel, UpdateStepsChangeOneIndexPerCall) {
  Value desired = normalise(json(kManifest));
  Value live = fromDescription(json(kDescription));
  // Replace index by-sk with two new ones, and change the stream view type.
  desired["GlobalSecondaryIndexes"] = json(R"([
    {"IndexName": "by-a", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}},
    {"IndexName": "by-b", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}])");
  desired["StreamSpecification"] = json(R"({"StreamViewType": "KEYS_ONLY"})");
  auto delta = compareProperties(tableTypeInfo(), desired, live);
  auto steps = updateTableSteps(desired, live, delta);
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(*steps[0].findPath("GlobalSecondaryIndexUpdates"),
            json(R"([{"Delete": {"IndexName": "by-sk"}}])"));
  EXPECT_EQ(
      *steps[1].find("GlobalSecondaryIndexUpdates")->asArray()[0].findPath("Create.IndexName"),
      Value("by-a"));
  EXPECT_NE(steps[1].find("AttributeDefinitions"), nullptr);
  EXPECT_EQ(
      *steps[2].find("GlobalSecondaryIndexUpdates")->asArray()[0].findPath("Create.IndexName"),
      Value("by-b"));
  EXPECT_EQ(*steps[3].find("StreamSpecification"), json(R"({"StreamEnabled": false})"));
  EXPECT_EQ(*steps[4].find("StreamSpecification"),
            json(R"({"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"})"));
}

TEST(TableModel, ThroughputOnlyChangeIsOneCall) {
  Value desired = normalise(json(kManifest));
  desired["ProvisionedThroughput"] = json(R"({"ReadCapacityUnits": 10, "WriteCapacityUnits": 5})");
  Value live = fromDescription(json(kDescription));
  auto delta = compareProperties(tableTypeInfo(), desired, live);
  auto steps = updateTableSteps(desired, live, delta);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(*steps[0].findPath("ProvisionedThroughput.ReadCapacityUnits"), Value(10));
}

}  // namespace
}  // namespace driftless::dynamodb
