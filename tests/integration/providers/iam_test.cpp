// Integration tests of providers/iam/ against a real peer.
#include "tests/integration/providers/harness.h"

namespace driftless::testing {
namespace iam_role {

Value json(const std::string& s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

const char* kIam =
    "iam = boto3.client('iam', endpoint_url=ep, aws_access_key_id=ak, "
    "aws_secret_access_key=sk, region_name=region)\n";

const char* kTrust =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";
const char* kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const char* kS3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

Desired roleDesired(Harness& h, const std::string& name) {
  return h.desired(
      "Role", json(R"({"RoleName": ")" + name + R"(", "Path": "/app/", "Description": "app role",
      "MaxSessionDuration": 7200, "AssumeRolePolicyDocument": )" +
                   std::string(kTrust) + R"(,
      "Policies": [{"PolicyName": "read-orders", "PolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                       "Resource": "*"}]}}],
      "ManagedPolicyArns": [")" +
                   kReadOnly + R"("],
      "Tags": [{"Key": "team", "Value": "payments"}]})"));
}

TEST(IamRoleProvider, CreateObserveDriftRestoreRemove) {
  Harness h("AWS::IAM::Role");
  const std::string name = uniqueName("role");
  Desired d = roleDesired(h, name);
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(live.attributes.find("Arn")->asString(), "arn:aws:iam::123456789012:role/app/" + name);
  EXPECT_FALSE(live.attributes.find("RoleId")->asString().empty());

  h.outOfBand(std::string(kIam) + "iam.update_role(RoleName='" + name +
              "', Description='changed by hand', MaxSessionDuration=3600)\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{"Description", "MaxSessionDuration"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.outOfBand(std::string(kIam) + "import json\niam.update_assume_role_policy(RoleName='" + name +
              "', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': "
              "'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': "
              "'sts:AssumeRole'}]}))\n");
  live = h.observe(d);
  drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), std::vector<std::string>{"AssumeRolePolicyDocument"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

// The case CloudFormation's drift detection misses: inline policy contents and
// extra managed policies attached by hand.
TEST(IamRoleProvider, EditedInlinePolicyAndExtraManagedPolicyAreDriftAndRestored) {
  Harness h("AWS::IAM::Role");
  const std::string name = uniqueName("role-drift");
  Desired d = roleDesired(h, name);
  Observed live = h.create(d);
  ASSERT_TRUE(h.p().diff(d, live).empty());

  h.outOfBand(std::string(kIam) + "import json\niam.put_role_policy(RoleName='" + name +
              "', PolicyName='read-orders', PolicyDocument=json.dumps({'Version': '2012-10-17', "
              "'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))\n"
              "iam.attach_role_policy(RoleName='" +
              name + "', PolicyArn='" + kS3ReadOnly + "')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{"Policies", "ManagedPolicyArns"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_EQ(*live.properties.find("ManagedPolicyArns"),
            json(std::string("[\"") + kReadOnly + "\"]"));

  // An inline policy added by hand is drift too, and is deleted.
  h.outOfBand(
      std::string(kIam) + "iam.put_role_policy(RoleName='" + name +
      "', PolicyName='backdoor', PolicyDocument='{\"Version\": \"2012-10-17\", "
      "\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"Resource\": \"*\"}}')\n");
  live = h.observe(d);
  drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Policies"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // Removing a policy from the manifest deletes it; only the difference is called.
  d.properties["Policies"] = Value::array();
  d.properties["ManagedPolicyArns"] = json(std::string("[\"") + kS3ReadOnly + "\"]");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), (std::vector<std::string>{"Policies", "ManagedPolicyArns"}));
  h.resetStats();
  live = h.update(d, live, change);
  auto ops = h.stats().byOperation();
  EXPECT_EQ(ops["iam:DeleteRolePolicy"], 1u);
  EXPECT_EQ(ops["iam:AttachRolePolicy"], 1u);
  EXPECT_EQ(ops["iam:DetachRolePolicy"], 1u);
  EXPECT_EQ(ops.count("iam:PutRolePolicy"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // Delete with a managed policy still attached: detached first.
  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
}

TEST(IamRoleProvider, TagsOnlyChangeMakesOnlyTaggingCalls) {
  Harness h("AWS::IAM::Role");
  const std::string name = uniqueName("role-tags");
  Desired d = roleDesired(h, name);
  Observed live = h.create(d);
  d.properties["Tags"] = json(R"([{"Key": "team", "Value": "orders"}])");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"Tags"});
  h.resetStats();
  live = h.update(d, live, change);
  for (const auto& [op, n] : h.stats().byOperation())
    EXPECT_TRUE(op.starts_with("iam:Get") || op.starts_with("iam:List") || op == "iam:TagRole")
        << "a tags-only change called " << op;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.remove(d, live);
}

TEST(IamRoleProvider, AnExistingUnownedRoleIsNotOwned) {
  Harness h("AWS::IAM::Role");
  const std::string name = uniqueName("role-foreign");
  h.outOfBand(std::string(kIam) + "import json\niam.create_role(RoleName='" + name +
              "', AssumeRolePolicyDocument=json.dumps(" + kTrust + "))\n");
  Desired d = h.desired("Foreign", json(R"({"RoleName": ")" + name +
                                        R"(", "AssumeRolePolicyDocument": )" + kTrust + "}"));
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_FALSE(live.owner.has_value());
  d.adopt = true;
  live = h.update(d, live, h.p().diff(d, live));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));
  h.remove(d, live);
}

}  // namespace iam_role
}  // namespace driftless::testing

namespace driftless::testing {
namespace iam_role {

TEST(IamRoleProvider, PermissionsBoundaryRoundTripsAndObserveReadsOnlyWhatIsManaged) {
  Harness h("AWS::IAM::Role");
  const std::string name = uniqueName("role-boundary");
  Desired d =
      h.desired("Bounded", json(R"({"RoleName": ")" + name + R"(", "AssumeRolePolicyDocument": )" +
                                kTrust + R"(, "PermissionsBoundary": ")" + kS3ReadOnly + R"("})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Policies and ManagedPolicyArns are not in this manifest: never listed.
  h.resetStats();
  live = h.observe(d);
  auto ops = h.stats().byOperation();
  EXPECT_EQ(ops.count("iam:ListRolePolicies"), 0u);
  EXPECT_EQ(ops.count("iam:ListAttachedRolePolicies"), 0u);

  h.outOfBand(std::string(kIam) + "iam.delete_role_permissions_boundary(RoleName='" + name +
              "')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"PermissionsBoundary"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.remove(d, live);
}

}  // namespace iam_role
}  // namespace driftless::testing

namespace driftless::testing {
namespace iam_managed_policy {

Value json(const std::string& s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

const char* kIam =
    "iam = boto3.client('iam', endpoint_url=ep, aws_access_key_id=ak, "
    "aws_secret_access_key=sk, region_name=region)\n";

std::string doc(const std::string& action) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ")" + action +
         R"(", "Resource": "*"}]})";
}

TEST(IamManagedPolicyProvider, CreateObserveDriftRestoreRemove) {
  Harness h("AWS::IAM::ManagedPolicy");
  const std::string role = uniqueName("mp-role");
  const std::string user = uniqueName("mp-user");
  const std::string group = uniqueName("mp-group");
  h.outOfBand(std::string(kIam) + "iam.create_role(RoleName='" + role +
              "', AssumeRolePolicyDocument='{}')\niam.create_user(UserName='" + user + "')\n" +
              "iam.create_group(GroupName='" + group + "')\n");
  const std::string name = uniqueName("policy");
  Desired d = h.desired("Policy", json(R"({"ManagedPolicyName": ")" + name +
                                       R"(", "Path": "/app/", "Description": "reads orders",
      "PolicyDocument": )" + doc("sqs:ReceiveMessage") +
                                       R"(, "Roles": [")" + role + R"("], "Users": [")" + user +
                                       R"("], "Groups": [")" + group + R"("],
      "Tags": [{"Key": "team", "Value": "payments"}]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  const std::string arn = "arn:aws:iam::123456789012:policy/app/" + name;
  EXPECT_EQ(live.attributes.find("PolicyArn")->asString(), arn);
  ASSERT_TRUE(live.owner.has_value());

  // A new default version made by hand, and a detached role: both drift.
  h.outOfBand(std::string(kIam) + "iam.create_policy_version(PolicyArn='" + arn +
              "', PolicyDocument='" + doc("sqs:*") + "', SetAsDefault=True)\n" +
              "iam.detach_role_policy(RoleName='" + role + "', PolicyArn='" + arn + "')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{"PolicyDocument", "Roles"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // More document changes than IAM keeps versions: the oldest non-default goes.
  for (const char* action : {"sqs:GetQueueUrl", "sqs:SendMessage", "sqs:DeleteMessage",
                             "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"}) {
    d.properties["PolicyDocument"] = json(doc(action));
    Delta change = h.p().diff(d, live);
    ASSERT_EQ(paths(change), std::vector<std::string>{"PolicyDocument"}) << action;
    live = h.update(d, live, change);
    ASSERT_TRUE(h.p().diff(d, live).empty()) << action;
  }
  int rc = 0;
  std::string count =
      moto().python(std::string(kIam) + "print(len(iam.list_policy_versions(PolicyArn='" + arn +
                        "')['Versions']))\n",
                    &rc);
  EXPECT_EQ(count, "5\n");

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

}  // namespace iam_managed_policy
}  // namespace driftless::testing
