#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"
#include "providers/logs/schema.h"

namespace driftless {
namespace {

struct Case {
  const char* why;
  const char* properties;
  std::vector<std::string> problems;
};

TEST(LogGroupInfo, DeclaresTheCloudFormationShape) {
  const TypeInfo* info = builtinRegistry().info("AWS::Logs::LogGroup");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->service, "logs");
  EXPECT_EQ(info->physicalNameProperty, "LogGroupName");
  EXPECT_EQ(info->refAttribute, "");
  EXPECT_EQ(info->getAttributes, (std::vector<std::string>{"Arn"}));
  EXPECT_TRUE(info->property("LogGroupName")->immutable);
  EXPECT_TRUE(info->property("LogGroupClass")->immutable);
  EXPECT_FALSE(info->property("RetentionInDays")->immutable);
  EXPECT_FALSE(info->property("KmsKeyId")->immutable);
}

TEST(LogGroupInfo, Validates) {
  const Case cases[] = {
      {"a path-like name",
       R"({"LogGroupName": "/aws/lambda/fn-1#a.b_c", "RetentionInDays": 14})",
       {}},
      {"a space is not allowed", R"({"LogGroupName": "my logs"})", {"LogGroupName:"}},
      {"13 days is not a retention CloudWatch offers",
       R"({"RetentionInDays": 13})",
       {"RetentionInDays:"}},
      {"retention given as a string", R"({"RetentionInDays": "3653"})", {}},
      {"a KMS key must be an ARN", R"({"KmsKeyId": "alias/x"})", {"KmsKeyId:"}},
  };
  auto info = logs::logGroupTypeInfo();
  for (const auto& c : cases) {
    auto got = info.validate(*Value::fromJson(c.properties));
    ASSERT_EQ(got.size(), c.problems.size()) << c.why << ": " << ::testing::PrintToString(got);
    for (std::size_t i = 0; i < got.size(); ++i)
      EXPECT_TRUE(got[i].starts_with(c.problems[i])) << c.why << ": " << got[i];
  }
}

TEST(MetricFilterInfo, DeclaresTheCloudFormationShapeAndValidates) {
  const TypeInfo* info = builtinRegistry().info("AWS::Logs::MetricFilter");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->service, "logs");
  EXPECT_EQ(info->physicalNameProperty, "FilterName");
  EXPECT_FALSE(info->taggable);
  EXPECT_TRUE(info->property("LogGroupName")->immutable);
  EXPECT_FALSE(info->property("FilterPattern")->immutable);
  const Case cases[] = {
      {"a plain filter",
       R"({"FilterName": "errors", "LogGroupName": "/app/x", "FilterPattern": "ERROR",
           "MetricTransformations": [{"MetricName": "E", "MetricNamespace": "A", "MetricValue": "1"}]})",
       {}},
      {"':' is not allowed in a filter name", R"({"FilterName": "a:b"})", {"FilterName:"}},
      {"one transformation exactly",
       R"({"MetricTransformations": []})",
       {"MetricTransformations:"}},
  };
  for (const auto& c : cases) {
    auto got = info->validate(*Value::fromJson(c.properties));
    ASSERT_EQ(got.size(), c.problems.size()) << c.why << ": " << ::testing::PrintToString(got);
    for (std::size_t i = 0; i < got.size(); ++i)
      EXPECT_TRUE(got[i].starts_with(c.problems[i])) << c.why << ": " << got[i];
  }
}

}  // namespace
}  // namespace driftless
