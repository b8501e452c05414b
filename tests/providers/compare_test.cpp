#include "providers/compare.h"

#include <gtest/gtest.h>

namespace driftless {
namespace {

TypeInfo queueInfo() {
  TypeInfo t;
  t.type = "AWS::SQS::Queue";
  t.properties = {PropertySpec::string("QueueName").req().immut(),
                  PropertySpec::integer("DelaySeconds"), PropertySpec::json("RedrivePolicy"),
                  PropertySpec::object(
                      "Nested", {PropertySpec::boolean("Enabled"), PropertySpec::integer("Days")}),
                  PropertySpec::tags()};
  return t;
}

Value json(const char* s) {
  return *Value::fromJson(s);
}

struct Case {
  const char* why;
  const char* desired;
  const char* live;
  std::vector<std::string> paths;  // expected differing paths
};

TEST(CompareProperties, NormalisesLikeAws) {
  const Case cases[] = {
      {"numbers returned as strings are equal",
       R"({"DelaySeconds": 5})",
       R"({"DelaySeconds": "5"})",
       {}},
      {"a changed number differs",
       R"({"DelaySeconds": 5})",
       R"({"DelaySeconds": "6"})",
       {"DelaySeconds"}},
      {"properties not in the manifest are not managed",
       R"({"DelaySeconds": 5})",
       R"({"DelaySeconds": 5, "VisibilityTimeout": 30})",
       {}},
      {"a managed property missing live differs",
       R"({"DelaySeconds": 5})",
       R"({})",
       {"DelaySeconds"}},
      {"JSON documents compare semantically",
       R"({"RedrivePolicy": {"a": 1, "b": ["x"]}})",
       R"({"RedrivePolicy": "{\"b\": \"x\", \"a\": 1}"})",
       {}},
      {"JSON documents that differ are reported",
       R"({"RedrivePolicy": {"a": 1}})",
       R"({"RedrivePolicy": "{\"a\": 2}"})",
       {"RedrivePolicy"}},
      {"tags are a set and ignore ownership tags",
       R"({"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]})",
       R"({"Tags": [{"Key": "b", "Value": "2"}, {"Key": "driftless:controller", "Value": "c"},
                    {"Key": "a", "Value": "1"}]})",
       {}},
      {"an extra live tag differs",
       R"({"Tags": [{"Key": "a", "Value": "1"}]})",
       R"({"Tags": [{"Key": "a", "Value": "1"}, {"Key": "x", "Value": "y"}]})",
       {"Tags"}},
      {"objects compare only the fields written",
       R"({"Nested": {"Enabled": true}})",
       R"({"Nested": {"Enabled": "true", "Days": 3}})",
       {}},
      {"a nested field difference names its path",
       R"({"Nested": {"Days": 4}})",
       R"({"Nested": {"Enabled": true, "Days": 3}})",
       {"Nested.Days"}},
  };
  TypeInfo info = queueInfo();
  for (const auto& c : cases) {
    Delta d = compareProperties(info, json(c.desired), json(c.live));
    std::vector<std::string> got;
    for (const auto& ch : d.changes)
      got.push_back(ch.path);
    EXPECT_EQ(got, c.paths) << c.why;
  }
}

TEST(Delta, DifferentAtMatchesPrefixesBothWays) {
  Delta d;
  d.changes.push_back({"Nested.Days", Value(4), Value(3)});
  EXPECT_TRUE(d.differentAt("Nested"));
  EXPECT_TRUE(d.differentAt("Nested.Days"));
  EXPECT_FALSE(d.differentAt("Nest"));
  EXPECT_FALSE(d.differentAt("Tags"));
  EXPECT_TRUE(d.onlyAt({"Nested"}));
  EXPECT_FALSE(d.onlyAt({"Tags"}));
}

TEST(Ownership, ReadFromTags) {
  ProviderContext ctx;
  ctx.controllerId = "platform";
  ctx.environment = "dev";
  Value tags = ctx.ownershipTags({"orders", "Queue"});
  auto o = ownershipFromTags(tags);
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(*o, (Ownership{"platform", "dev", "orders", "Queue"}));
  EXPECT_FALSE(ownershipFromTags(json(R"([{"Key":"team","Value":"x"}])")).has_value());
}

}  // namespace
}  // namespace driftless
