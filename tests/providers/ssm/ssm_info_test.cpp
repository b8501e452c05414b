#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"
#include "providers/ssm/schema.h"

namespace driftless {
namespace {

struct Case {
  const char* why;
  const char* properties;
  std::vector<std::string> problems;
};

TEST(SsmParameterInfo, DeclaresTheCloudFormationShape) {
  const TypeInfo* info = builtinRegistry().info("AWS::SSM::Parameter");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->service, "ssm");
  EXPECT_EQ(info->physicalNameProperty, "Name");
  EXPECT_EQ(info->refAttribute, "");
  EXPECT_EQ(info->getAttributes, (std::vector<std::string>{"Type", "Value"}));
  EXPECT_TRUE(info->property("Name")->immutable);
  // Issue 13, defect 7: the value is secret for a SecureString only.
  EXPECT_FALSE(info->property("Value")->secret);
  ASSERT_TRUE(info->conditionalSecrets);
  auto secretFor = [&](const char* props) {
    return info->conditionalSecrets(*Value::fromJson(props));
  };
  EXPECT_EQ(secretFor(R"({"Type": "SecureString"})"), std::vector<std::string>{"Value"});
  EXPECT_EQ(secretFor(R"({"Type": "String"})"), std::vector<std::string>{});
  EXPECT_EQ(secretFor(R"({"Type": "StringList"})"), std::vector<std::string>{});
  EXPECT_EQ(secretFor(R"({"Type": {"Ref": "T"}})"), std::vector<std::string>{"Value"});
  EXPECT_TRUE(info->property("Type")->required);
  EXPECT_EQ(info->property("Type")->allowed,
            (std::vector<std::string>{"String", "StringList", "SecureString"}));
}

TEST(SsmParameterInfo, ValidatesNames) {
  const Case cases[] = {
      {"a flat name", R"({"Name": "db-url", "Value": "v"})", {}},
      {"a hierarchical name", R"({"Name": "/app/prod/db.url_x-y", "Value": "v"})", {}},
      {"a hierarchy must start with /", R"({"Name": "app/db"})", {"Name:"}},
      {"the aws prefix is reserved", R"({"Name": "/AWS/x"})", {"Name:"}},
      {"the ssm prefix is reserved", R"({"Name": "ssmthing"})", {"Name:"}},
      {"a space is not allowed", R"({"Name": "a b"})", {"Name:"}},
      {"16 levels are too deep", R"({"Name": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p"})", {"Name:"}},
      {"an empty value", R"({"Value": ""})", {"Value:"}},
  };
  auto info = ssm::parameterTypeInfo();
  for (const auto& c : cases) {
    auto got = info.validate(*Value::fromJson(c.properties));
    ASSERT_EQ(got.size(), c.problems.size()) << c.why << ": " << ::testing::PrintToString(got);
    for (std::size_t i = 0; i < got.size(); ++i)
      EXPECT_TRUE(got[i].starts_with(c.problems[i])) << c.why << ": " << got[i];
  }
}

}  // namespace
}  // namespace driftless
