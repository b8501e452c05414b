// Integration tests of providers/lambda/ against a real peer.
#include "tests/integration/providers/harness.h"

namespace driftless::testing {
namespace lambda {

Value json(const std::string& s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

const char* kClients =
    "kw = dict(endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
    "region_name=region)\n"
    "iam = boto3.client('iam', **kw)\nlam = boto3.client('lambda', **kw)\ns3 = boto3.client('s3', "
    "**kw)\n"
    "import json, io, zipfile\n"
    "def zipped(src):\n"
    "    b = io.BytesIO()\n"
    "    with zipfile.ZipFile(b, 'w') as z: z.writestr('index.py', src)\n"
    "    return b.getvalue()\n";

// An execution role made with another client, as a platform team would.
std::string executionRole(Harness& h) {
  const std::string role = uniqueName("lambda-exec");
  h.outOfBand(std::string(kClients) + "iam.create_role(RoleName='" + role +
              "', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': "
              "[{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, "
              "'Action': 'sts:AssumeRole'}]}))\n");
  return "arn:aws:iam::123456789012:role/" + role;
}

TEST(LambdaFunctionProvider, InlineCodeCreateObserveDriftRestoreRemove) {
  Harness h("AWS::Lambda::Function");
  const std::string role = executionRole(h);
  const std::string layer = uniqueName("layer");
  int rc = 0;
  std::string layerArn =
      moto().python(std::string(kClients) + "print(lam.publish_layer_version(LayerName='" + layer +
                        "', Content={'ZipFile': zipped('x = 1')})['LayerVersionArn'])\n",
                    &rc);
  ASSERT_EQ(rc, 0) << layerArn;
  layerArn.erase(layerArn.find_last_not_of("\n") + 1);

  const std::string name = uniqueName("fn");
  Desired d = h.desired("Fn", json(R"({"FunctionName": ")" + name + R"(", "Role": ")" + role + R"(",
      "Runtime": "python3.12", "Handler": "index.handler",
      "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
      "MemorySize": 256, "Timeout": 10, "Description": "orders worker",
      "Environment": {"Variables": {"API_KEY": "k-123", "MODE": "fast"}},
      "Architectures": ["x86_64"], "EphemeralStorage": {"Size": 1024},
      "Layers": [")" + layerArn + R"("], "Tags": [{"Key": "team", "Value": "payments"}]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:lambda:us-east-1:123456789012:function:" + name);

  // Timeout and one environment value changed by hand.
  h.outOfBand(std::string(kClients) + "lam.update_function_configuration(FunctionName='" + name +
              "', Timeout=30, Environment={'Variables': {'API_KEY': 'stolen', 'MODE': 'fast'}})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{"Environment.Variables.API_KEY", "Timeout"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // Code replaced by hand: drift on Code, restored through UpdateFunctionCode only.
  h.outOfBand(std::string(kClients) + "lam.update_function_code(FunctionName='" + name +
              "', ZipFile=zipped('def handler(e, c):\\n    return 2\\n'))\n");
  live = h.observe(d);
  drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Code.ZipFile"});
  h.resetStats();
  live = h.update(d, live, drift);
  auto ops = h.stats().byOperation();
  EXPECT_EQ(ops["lambda:UpdateFunctionCode"], 1u);
  EXPECT_EQ(ops.count("lambda:UpdateFunctionConfiguration"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // A manifest change to configuration and code: two updates, one after the other.
  d.properties["MemorySize"] = Value(512);
  d.properties["Code"]["ZipFile"] = Value("def handler(event, context):\n    return 3\n");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), (std::vector<std::string>{"Code.ZipFile", "MemorySize"}));
  live = h.update(d, live, change);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

TEST(LambdaFunctionProvider, S3CodeRoundTripsAndDriftsWhenReplaced) {
  Harness h("AWS::Lambda::Function");
  const std::string role = executionRole(h);
  const std::string bucket = uniqueName("code-bucket");
  h.outOfBand(std::string(kClients) + "s3.create_bucket(Bucket='" + bucket + "')\n" +
              "s3.put_object(Bucket='" + bucket +
              "', Key='fn.zip', Body=zipped('def handler(e, c): return 1'))\n");
  const std::string name = uniqueName("fn-s3");
  Desired d = h.desired("FnS3", json(R"({"FunctionName": ")" + name + R"(", "Role": ")" + role +
                                     R"(", "Runtime": "python3.12", "Handler": "index.handler",
      "Code": {"S3Bucket": ")" + bucket +
                                     R"(", "S3Key": "fn.zip"}})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  h.outOfBand(std::string(kClients) + "lam.update_function_code(FunctionName='" + name +
              "', ZipFile=zipped('def handler(e, c): return 2'))\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_FALSE(drift.empty());
  EXPECT_TRUE(drift.onlyAt({"Code"})) << ::testing::PrintToString(paths(drift));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // Tags added, then one removed: only tagging calls, and the code record stays.
  d.properties["Tags"] = json(R"([{"Key": "team", "Value": "a"}, {"Key": "tier", "Value": "1"}])");
  live = h.update(d, live, h.p().diff(d, live));
  d.properties["Tags"] = json(R"([{"Key": "team", "Value": "a"}])");
  Delta tags = h.p().diff(d, live);
  ASSERT_EQ(paths(tags), std::vector<std::string>{"Tags"});
  h.resetStats();
  live = h.update(d, live, tags);
  for (const auto& [op, n] : h.stats().byOperation())
    EXPECT_TRUE(op == "lambda:UntagResource" || op == "lambda:GetFunction")
        << "a tags-only change called " << op;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.remove(d, live);
}

}  // namespace lambda
}  // namespace driftless::testing

// AWS::Lambda::Function ReservedConcurrentExecutions (issue 14): create, no-op,
// out-of-band change → drift → corrected, change → in-place update.
namespace driftless::testing {
namespace lambda_concurrency {

const char* kLambdaClients =
    "kw = dict(endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
    "region_name=region)\n"
    "iam = boto3.client('iam', **kw)\nlam = boto3.client('lambda', **kw)\nimport json\n";

TEST(LambdaFunctionProvider, ReservedConcurrencyRoundTrip) {
  Harness h("AWS::Lambda::Function");
  const std::string role = uniqueName("lambda-rc");
  h.outOfBand(std::string(kLambdaClients) + "iam.create_role(RoleName='" + role +
              "', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': "
              "[{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, "
              "'Action': 'sts:AssumeRole'}]}))\n");
  const std::string name = uniqueName("fn-rc");
  auto props = [&](int reserved) {
    auto v = Value::fromJson(R"({"FunctionName": ")" + name +
                             R"(", "Role": "arn:aws:iam::123456789012:role/)" + role + R"(",
        "Runtime": "python3.12", "Handler": "index.handler",
        "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
        "ReservedConcurrentExecutions": )" +
                             std::to_string(reserved) + "}");
    EXPECT_TRUE(v.has_value());
    return v ? *v : Value();
  };
  Desired d = h.desired("Fn", props(5));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("ReservedConcurrentExecutions"), Value(5));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  h.outOfBand(std::string(kLambdaClients) + "lam.put_function_concurrency(FunctionName='" + name +
              "', ReservedConcurrentExecutions=2)\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"ReservedConcurrentExecutions"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  Desired changed = h.desired("Fn", props(7));
  Delta delta = h.p().diff(changed, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{"ReservedConcurrentExecutions"});
  live = h.update(changed, live, delta);
  EXPECT_EQ(*h.observe(changed).properties.find("ReservedConcurrentExecutions"), Value(7));

  h.remove(changed, live);
}

}  // namespace lambda_concurrency
}  // namespace driftless::testing
