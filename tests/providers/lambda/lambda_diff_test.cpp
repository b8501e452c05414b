// Pure diffs of the identity-and-compute providers (no AWS): what a plan shows.
#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless {
namespace {

Value json(const char* s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

std::vector<std::string> paths(const Delta& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes)
    out.push_back(c.path);
  return out;
}

std::string text(const Delta& d) {
  std::string out;
  for (const auto& c : d.changes)
    out += c.path + (c.desired ? c.desired->toJson() : "-") + (c.live ? c.live->toJson() : "-");
  return out;
}

Delta diffOf(const char* type, const char* desired, const char* live) {
  ProviderContext ctx;
  auto p = builtinRegistry().make(type, ctx);
  EXPECT_NE(p, nullptr) << type;
  Desired d;
  d.properties = json(desired);
  Observed o;
  o.exists = true;
  o.properties = json(live);
  return p->diff(d, o);
}

TEST(LambdaDiff, NamesChangedVariablesButNeverTheirValues) {
  Delta d = diffOf(
      "AWS::Lambda::Function",
      R"({"Timeout": 10, "Environment": {"Variables": {"KEY": "top-secret", "SAME": "s1", "NEW": "n-secret"}}})",
      R"({"Timeout": "10", "Environment": {"Variables": {"KEY": "old-secret", "SAME": "s1", "GONE": "g-secret"}}})");
  EXPECT_EQ(paths(d),
            (std::vector<std::string>{"Environment.Variables.KEY", "Environment.Variables.NEW",
                                      "Environment.Variables.GONE"}));
  for (const char* secret : {"top-secret", "old-secret", "n-secret", "g-secret", "s1"})
    EXPECT_EQ(text(d).find(secret), std::string::npos) << secret << " in " << text(d);
}

TEST(SsmDiff, MasksAChangedValueAndComparesTagsIgnoringOwnership) {
  Delta d = diffOf("AWS::SSM::Parameter",
                   R"({"Type": "SecureString", "Value": "new-secret", "Tags": {"team": "a"}})",
                   R"({"Type": "SecureString", "Value": "old-secret",
                       "Tags": {"team": "a", "driftless:controller": "c"}})");
  EXPECT_EQ(paths(d), std::vector<std::string>{"Value"});
  EXPECT_EQ(text(d).find("secret"), std::string::npos) << text(d);
}

TEST(SsmDiff, IntelligentTieringAcceptsTheTierSsmChose) {
  EXPECT_TRUE(
      diffOf("AWS::SSM::Parameter", R"({"Tier": "Intelligent-Tiering"})", R"({"Tier": "Standard"})")
          .empty());
  EXPECT_EQ(
      paths(diffOf("AWS::SSM::Parameter", R"({"Tier": "Advanced"})", R"({"Tier": "Standard"})")),
      std::vector<std::string>{"Tier"});
}

TEST(RoleDiff, ComparesPoliciesAsSetsAndDocumentsSemantically) {
  const char* desired =
      R"({"AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}},
      "Policies": [{"PolicyName": "a", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["x:B", "x:A"]}]}},
                   {"PolicyName": "b", "PolicyDocument": {"Statement": []}}],
      "ManagedPolicyArns": ["arn:1", "arn:2"]})";
  struct Case {
    const char* why;
    const char* live;
    std::vector<std::string> paths;
  };
  const Case cases[] = {
      {"same content in another shape and order",
       R"({"AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%7B%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Effect%22%3A%22Allow%22%7D%5D%7D",
           "Policies": [{"PolicyName": "b", "PolicyDocument": "{\"Statement\": []}"},
                        {"PolicyName": "a", "PolicyDocument": {"Statement": {"Action": ["x:A", "x:B"], "Effect": "Allow"}}}],
           "ManagedPolicyArns": ["arn:2", "arn:1"]})",
       {}},
      {"an inline policy edited, one added, a managed policy attached",
       R"({"AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}},
           "Policies": [{"PolicyName": "a", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*"}]}},
                        {"PolicyName": "b", "PolicyDocument": {"Statement": []}},
                        {"PolicyName": "extra", "PolicyDocument": {}}],
           "ManagedPolicyArns": ["arn:1", "arn:2", "arn:3"]})",
       {"Policies", "ManagedPolicyArns"}},
      {"an inline policy deleted by hand",
       R"({"AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}},
           "Policies": [{"PolicyName": "b", "PolicyDocument": {"Statement": []}}],
           "ManagedPolicyArns": ["arn:1", "arn:2"]})",
       {"Policies"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(paths(diffOf("AWS::IAM::Role", desired, c.live)), c.paths) << c.why;
}

}  // namespace
}  // namespace driftless
