// Every AWS call the wiring providers make is an IAM action their TypeInfo
// declares (so the policy `driftless iam-policy` makes from the declarations
// allows it): each provider driven through create, observe, update and delete
// by the provider harness, which records the operations and checks them.
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"

namespace driftless::testing {
namespace {

const std::string kDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", )"
    R"("Action": "sqs:SendMessage", "Resource": "*"}]})";
const std::string kDoc2 =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", )"
    R"("Action": "sqs:SendMessage", "Resource": "*"}]})";

// create, observe, an update from `d` to `changed` (when given), delete.
void lifecycle(Harness& h, Desired d, std::optional<Value> changed = std::nullopt) {
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists) << d.type;
  d.physicalId = live.physicalId;
  live = h.observe(d);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << d.type;
  if (changed) {
    Desired next = d;
    next.properties = *changed;
    Delta delta = h.p().diff(next, live);
    EXPECT_FALSE(delta.empty()) << d.type;
    live = h.update(next, live, delta);
    EXPECT_TRUE(h.p().diff(next, live).empty()) << d.type;
    d = next;
  }
  h.remove(d, live);
  d.physicalId = live.physicalId;
  EXPECT_FALSE(h.observe(d).exists) << d.type;
}

// boto3 setup; its printed output (stripped).
std::string setup(const std::string& code) {
  int rc = 0;
  std::string out = moto().python(
      "import json, io, zipfile\n"
      "kw = dict(endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
      "region_name=region)\n"
      "sqs, sns, iam, lam, s3 = (boto3.client(s, **kw) for s in ('sqs', 'sns', 'iam', 'lambda', "
      "'s3'))\n"
      "b = io.BytesIO()\nz = zipfile.ZipFile(b, 'w')\nz.writestr('index.py', 'def "
      "handler(e, c): return 1')\nz.close()\nzipped = b.getvalue()\n" +
          code,
      &rc);
  EXPECT_EQ(rc, 0) << out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

TEST(WiringDeclaredActions, QueueAndTopicPolicies) {
  const std::string q = uniqueName("declared-q"), t = uniqueName("declared-t");
  std::string url = setup("print(sqs.create_queue(QueueName='" + q + "')['QueueUrl'])\n" +
                          "sns.create_topic(Name='" + t + "')");
  Harness queues("AWS::SQS::QueuePolicy");
  lifecycle(queues,
            queues.desired(
                "QP", json(R"({"Queues": [")" + url + R"("], "PolicyDocument": )" + kDoc + "}")),
            json(R"({"Queues": [")" + url + R"("], "PolicyDocument": )" + kDoc2 + "}"));
  Harness topics("AWS::SNS::TopicPolicy");
  const std::string arn = "arn:aws:sns:us-east-1:123456789012:" + t;
  lifecycle(topics,
            topics.desired(
                "TP", json(R"({"Topics": [")" + arn + R"("], "PolicyDocument": )" + kDoc + "}")),
            json(R"({"Topics": [")" + arn + R"("], "PolicyDocument": )" + kDoc2 + "}"));
}

TEST(WiringDeclaredActions, IamInlinePoliciesAndInstanceProfile) {
  const std::string n = uniqueName("declared");
  setup("iam.create_role(RoleName='" + n + "-r', AssumeRolePolicyDocument='{}')\n" +
        "iam.create_role(RoleName='" + n + "-r2', AssumeRolePolicyDocument='{}')\n" +
        "iam.create_user(UserName='" + n + "-u')\niam.create_group(GroupName='" + n + "-g')");
  auto policy = [&](const std::string& name, const std::string& doc) {
    return json(R"({"PolicyName": ")" + name + R"(", "PolicyDocument": )" + doc +
                R"(, "Roles": [")" + n + R"(-r"], "Users": [")" + n + R"(-u"], "Groups": [")" + n +
                R"(-g"]})");
  };
  Harness inline_("AWS::IAM::Policy");
  lifecycle(inline_, inline_.desired("P", policy("one", kDoc)), policy("two", kDoc2));
  Harness role("AWS::IAM::RolePolicy");
  auto rolePolicy = [&](const std::string& doc) {
    return json(R"({"RoleName": ")" + n + R"(-r", "PolicyName": "p", "PolicyDocument": )" + doc +
                "}");
  };
  lifecycle(role, role.desired("RP", rolePolicy(kDoc)), rolePolicy(kDoc2));
  Harness profile("AWS::IAM::InstanceProfile");
  auto profileProps = [&](const std::string& r) {
    return json(R"({"InstanceProfileName": ")" + n + R"(-ip", "Roles": [")" + n + r + R"("]})");
  };
  lifecycle(profile, profile.desired("IP", profileProps("-r")), profileProps("-r2"));
}

TEST(WiringDeclaredActions, LambdaWiring) {
  const std::string n = uniqueName("declared");
  std::string queueArn =
      setup("r = iam.create_role(RoleName='" + n +
            "-r', AssumeRolePolicyDocument='{}')['Role']['Arn']\n"
            "lam.create_function(FunctionName='" +
            n +
            "-fn', Runtime='python3.12', Role=r, Handler='index.handler', Code={'ZipFile': "
            "zipped})\n"
            "s3.create_bucket(Bucket='" +
            n + "-code')\ns3.put_object(Bucket='" + n +
            "-code', Key='l.zip', Body=zipped)\n"
            "u = sqs.create_queue(QueueName='" +
            n +
            "-q')['QueueUrl']\n"
            "print(sqs.get_queue_attributes(QueueUrl=u, "
            "AttributeNames=['QueueArn'])['Attributes']['QueueArn'])");
  const std::string fn = n + "-fn";
  Harness permission("AWS::Lambda::Permission");
  lifecycle(permission, permission.desired("Perm", json(R"({"FunctionName": ")" + fn +
                                                        R"(", "Action": "lambda:InvokeFunction", )"
                                                        R"("Principal": "sns.amazonaws.com"})")));
  Harness mapping("AWS::Lambda::EventSourceMapping");
  auto mappingProps = [&](int batch, const std::string& tag) {
    return json(R"({"FunctionName": ")" + fn + R"(", "EventSourceArn": ")" + queueArn +
                R"(", "BatchSize": )" + std::to_string(batch) + R"(, "Tags": [{"Key": ")" + tag +
                R"(", "Value": "x"}]})");
  };
  lifecycle(mapping, mapping.desired("M", mappingProps(5, "a")), mappingProps(7, "b"));
  Harness version("AWS::Lambda::Version");
  Desired v = version.desired("V", json(R"({"FunctionName": ")" + fn + R"("})"));
  Observed vLive = version.create(v);
  ASSERT_TRUE(vLive.exists);
  Harness alias("AWS::Lambda::Alias");
  auto aliasProps = [&](const std::string& description) {
    return json(R"({"FunctionName": ")" + fn + R"(", "Name": "live", "FunctionVersion": ")" +
                vLive.attributes.find("Version")->scalarText() + R"(", "Description": ")" +
                description + R"("})");
  };
  lifecycle(alias, alias.desired("A", aliasProps("one")), aliasProps("two"));
  v.physicalId = vLive.physicalId;
  version.remove(v, vLive);
  EXPECT_FALSE(version.observe(v).exists);
  Harness layer("AWS::Lambda::LayerVersion");
  lifecycle(layer, layer.desired("L", json(R"({"LayerName": ")" + n +
                                           R"(-layer", "Content": {"S3Bucket": ")" + n +
                                           R"(-code", "S3Key": "l.zip"}})")));
}

}  // namespace
}  // namespace driftless::testing
