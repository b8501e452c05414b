#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"
#include "providers/iam/schema.h"

namespace driftless {
namespace {

Value json(const char* s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value::object();
}

struct Case {
  const char* why;
  const char* properties;
  std::vector<std::string> problems;  // prefixes ("Property:") of expected problems
};

void expectProblems(const TypeInfo& info, const Case& c) {
  auto got = info.validate(json(c.properties));
  ASSERT_EQ(got.size(), c.problems.size()) << c.why << ": " << ::testing::PrintToString(got);
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(got[i].starts_with(c.problems[i])) << c.why << ": " << got[i];
}

TEST(IamRoleInfo, DeclaresTheCloudFormationShape) {
  const TypeInfo* info = builtinRegistry().info("AWS::IAM::Role");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->service, "iam");
  EXPECT_EQ(info->physicalNameProperty, "RoleName");
  EXPECT_EQ(info->refAttribute, "");  // Ref = the role name
  EXPECT_EQ(info->getAttributes, (std::vector<std::string>{"Arn", "RoleId"}));
  for (const char* p : {"RoleName", "Path"}) {
    ASSERT_NE(info->property(p), nullptr) << p;
    EXPECT_TRUE(info->property(p)->immutable) << p;
  }
  for (const char* p : {"Description", "AssumeRolePolicyDocument", "Policies", "ManagedPolicyArns",
                        "MaxSessionDuration", "PermissionsBoundary", "Tags"}) {
    ASSERT_NE(info->property(p), nullptr) << p;
    EXPECT_FALSE(info->property(p)->immutable) << p;
  }
  EXPECT_TRUE(info->property("AssumeRolePolicyDocument")->required);
  EXPECT_EQ(info->property("AssumeRolePolicyDocument")->kind, PropertySpec::Kind::Json);
  const auto& policy = info->property("Policies")->element.at(0);
  ASSERT_EQ(policy.fields.size(), 2u);
  EXPECT_EQ(policy.fields[1].kind, PropertySpec::Kind::Json);
}

TEST(IamRoleInfo, ValidatesNamesAndRanges) {
  const Case cases[] = {
      {"a plain role is valid", R"({"RoleName": "app-role_1+=,.@"})", {}},
      {"65 characters are too long",
       R"({"RoleName": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})",
       {"RoleName:"}},
      {"a slash is not allowed in a name", R"({"RoleName": "a/b"})", {"RoleName:"}},
      {"an empty name is invalid", R"({"RoleName": ""})", {"RoleName:"}},
      {"a path must start and end with /", R"({"RoleName": "r", "Path": "/app"})", {"Path:"}},
      {"a nested path is valid", R"({"RoleName": "r", "Path": "/app/team/"})", {}},
      {"the root path is valid", R"({"RoleName": "r", "Path": "/"})", {}},
      {"session duration below an hour",
       R"({"MaxSessionDuration": 3599})",
       {"MaxSessionDuration:"}},
      {"session duration as a string", R"({"MaxSessionDuration": "7200"})", {}},
      {"duplicate inline policy names",
       R"({"Policies": [{"PolicyName": "p", "PolicyDocument": {}}, {"PolicyName": "p", "PolicyDocument": {}}]})",
       {"Policies:"}},
      {"a managed policy must be an ARN",
       R"({"ManagedPolicyArns": ["ReadOnlyAccess"]})",
       {"ManagedPolicyArns:"}},
  };
  auto info = iam::roleTypeInfo();
  for (const auto& c : cases)
    expectProblems(info, c);
}

TEST(IamManagedPolicyInfo, DeclaresTheCloudFormationShape) {
  const TypeInfo* info = builtinRegistry().info("AWS::IAM::ManagedPolicy");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->physicalNameProperty, "ManagedPolicyName");
  EXPECT_EQ(info->refAttribute, "PolicyArn");  // Ref = the ARN
  for (const char* p : {"ManagedPolicyName", "Path", "Description"})
    EXPECT_TRUE(info->property(p)->immutable) << p;
  for (const char* p : {"PolicyDocument", "Roles", "Users", "Groups", "Tags"})
    EXPECT_FALSE(info->property(p)->immutable) << p;
  EXPECT_TRUE(info->property("PolicyDocument")->required);
}

TEST(IamManagedPolicyInfo, ValidatesNames) {
  const Case cases[] = {
      {"a plain policy is valid", R"({"ManagedPolicyName": "read-orders", "Path": "/app/"})", {}},
      {"a space is not allowed", R"({"ManagedPolicyName": "read orders"})", {"ManagedPolicyName:"}},
      {"attachments are names, not ARNs", R"({"Roles": ["arn:aws:iam::1:role/x"]})", {"Roles:"}},
  };
  auto info = iam::managedPolicyTypeInfo();
  for (const auto& c : cases)
    expectProblems(info, c);
}

}  // namespace
}  // namespace driftless
