// AWS::DynamoDB::Table LocalSecondaryIndexes (issue 14): created with the table,
// observed back (order and NonKeyAttributes order do not matter), and a change
// is a replace (DynamoDB cannot change local indexes after creation).
#include "tests/integration/providers1/harness.h"

namespace driftless::testing {
namespace {

std::string tableWithLsi(const std::string& name, const std::string& projection) {
  return R"({"TableName": ")" + name + R"(", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "S"},
                             {"AttributeName": "at", "AttributeType": "N"},
                             {"AttributeName": "by", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "LocalSecondaryIndexes": [
      {"IndexName": "by-user", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                             {"AttributeName": "by", "KeyType": "RANGE"}],
       "Projection": {"ProjectionType": "KEYS_ONLY"}},
      {"IndexName": "by-time", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                             {"AttributeName": "at", "KeyType": "RANGE"}],
       "Projection": )" +
         projection + R"(}]})";
}

TEST(DynamoDbTableProvider, LocalSecondaryIndexesRoundTripAndReplace) {
  Harness h("AWS::DynamoDB::Table");
  const std::string name = uniqueName("lsi");
  Desired d = h.desired(
      "T",
      json(tableWithLsi(name, R"({"ProjectionType": "INCLUDE", "NonKeyAttributes": ["z", "a"]})")));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  const Value* lsis = live.properties.find("LocalSecondaryIndexes");
  ASSERT_TRUE(lsis && lsis->isArray());
  ASSERT_EQ(lsis->size(), 2u);
  EXPECT_EQ(*lsis->asArray()[0].find("IndexName"), Value("by-time"));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // A changed projection: a difference on LocalSecondaryIndexes, which is immutable
  // (the plan replaces the table; refused unless allowReplace).
  Desired changed = h.desired("T", json(tableWithLsi(name, R"({"ProjectionType": "ALL"})")));
  Delta delta = h.p().diff(changed, live);
  ASSERT_FALSE(delta.empty());
  for (const auto& c : delta.changes)
    EXPECT_TRUE(c.path.starts_with("LocalSecondaryIndexes")) << c.path;
  EXPECT_TRUE(h.p().info().property("LocalSecondaryIndexes")->immutable);

  // Replace = delete + create with the new index.
  h.remove(d, live);
  live = h.create(changed);
  EXPECT_TRUE(h.p().diff(changed, live).empty());
  h.remove(changed, live);
}

}  // namespace
}  // namespace driftless::testing
