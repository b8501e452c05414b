#include "tests/integration/providers2/harness.h"

namespace driftless::testing {
namespace {

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

}  // namespace
}  // namespace driftless::testing
