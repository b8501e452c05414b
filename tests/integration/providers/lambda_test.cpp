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

// AWS::Lambda::Function configuration blocks (issue 14): VpcConfig and
// TracingConfig against moto; what moto does not keep (TracingConfig updates,
// DeadLetterConfig, KmsKeyArn, FileSystemConfigs, LoggingConfig, SnapStart:
// docs/manifest-reference.md, "What the emulator cannot do") on the wire.
#include "providers/aws/crypto.h"
#include "providers/lambda/zip.h"
#include "tests/support/http_stub.h"

namespace driftless::testing {
namespace lambda_config {

using lambda::executionRole;
using lambda::json;
using lambda::kClients;

std::string pyLine(const std::string& code) {
  int rc = 0;
  std::string out =
      moto().python(std::string(kClients) + "ec2 = boto3.client('ec2', **kw)\n" + code, &rc);
  EXPECT_EQ(rc, 0) << out;
  out.erase(out.find_last_not_of("\n") + 1);
  return out;
}

TEST(LambdaFunctionProvider, VpcAndTracingConfigRoundTrip) {
  Harness h("AWS::Lambda::Function");
  const std::string role = executionRole(h);
  const std::string vpc =
      pyLine("print(ec2.create_vpc(CidrBlock='10.7.0.0/16')['Vpc']['VpcId'])\n");
  auto subnet = [&](const std::string& cidr) {
    return pyLine("print(ec2.create_subnet(VpcId='" + vpc + "', CidrBlock='" + cidr +
                  "')['Subnet']['SubnetId'])\n");
  };
  auto group = [&](const std::string& n) {
    return pyLine("print(ec2.create_security_group(VpcId='" + vpc + "', GroupName='" +
                  uniqueName(n) + "', Description='fn')['GroupId'])\n");
  };
  const std::string a = subnet("10.7.1.0/24"), b = subnet("10.7.2.0/24");
  const std::string sg1 = group("fn-sg"), sg2 = group("fn-sg");
  const std::string name = uniqueName("fn-vpc");
  Desired d = h.desired("Fn", json(R"({"FunctionName": ")" + name + R"(", "Role": ")" + role +
                                   R"(", "Runtime": "python3.12", "Handler": "index.handler",
      "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
      "TracingConfig": {"Mode": "Active"},
      "VpcConfig": {"SubnetIds": [")" +
                                   a + R"("], "SecurityGroupIds": [")" + sg1 + R"("]}})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.findPath("TracingConfig.Mode"), Value("Active"));
  EXPECT_EQ(*live.properties.findPath("VpcConfig.SubnetIds"), json(R"([")" + a + R"("])"));
  EXPECT_EQ(live.properties.findPath("VpcConfig.VpcId"), nullptr) << "not a manifest field";
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_EQ(pyLine("print(lam.get_function_configuration(FunctionName='" + name +
                   "')['TracingConfig']['Mode'])\n"),
            "Active");

  // Moved to another subnet by hand: drift, corrected by one configuration update.
  h.outOfBand(std::string(kClients) + "lam.update_function_configuration(FunctionName='" + name +
              "', VpcConfig={'SubnetIds': ['" + b + "'], 'SecurityGroupIds': ['" + sg1 + "']})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"VpcConfig.SubnetIds"});
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls()["lambda:UpdateFunctionConfiguration"], 1u);
  EXPECT_EQ(h.calls().count("lambda:UpdateFunctionCode"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // A manifest change of the security groups: applied in place.
  d.properties["VpcConfig"]["SecurityGroupIds"] = json(R"([")" + sg2 + R"("])");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"VpcConfig.SecurityGroupIds"});
  live = h.update(d, live, change);
  EXPECT_EQ(pyLine("print(lam.get_function_configuration(FunctionName='" + name +
                   "')['VpcConfig']['SecurityGroupIds'])\n"),
            "['" + sg2 + "']");
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.remove(d, live);
}

// CodeSigningConfigArn given at create is read back (moto keeps it; it has
// no PutFunctionCodeSigningConfig: changes are tested on the wire below).
TEST(LambdaFunctionProvider, CodeSigningConfigAtCreate) {
  Harness h("AWS::Lambda::Function");
  const std::string role = executionRole(h);
  const std::string name = uniqueName("fn-csc");
  const std::string csc = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0a1b";
  Desired d = h.desired("Fn", json(R"({"FunctionName": ")" + name + R"(", "Role": ")" + role +
                                   R"(", "Runtime": "python3.12", "Handler": "index.handler",
      "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
      "CodeSigningConfigArn": ")" + csc +
                                   R"("})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("CodeSigningConfigArn"), Value(csc));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_EQ(pyLine("print(lam.get_function_code_signing_config(FunctionName='" + name +
                   "')['CodeSigningConfigArn'])\n"),
            csc);
  d.properties["CodeSigningConfigArn"] =
      Value("arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-other");
  EXPECT_EQ(paths(h.p().diff(d, live)), std::vector<std::string>{"CodeSigningConfigArn"});
  h.remove(d, live);
}

// A container image function (PackageType Image, Code.ImageUri, ImageConfig):
// moto keeps all three at create and the image on UpdateFunctionCode (an
// ImageConfig change it does not keep is tested on the wire below).
TEST(LambdaFunctionProvider, ImageFunctionRoundTrip) {
  Harness h("AWS::Lambda::Function");
  const std::string role = executionRole(h);
  const std::string name = uniqueName("fn-image");
  const std::string repo = "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders";
  Desired d = h.desired("Fn", json(R"({"FunctionName": ")" + name + R"(", "Role": ")" + role +
                                   R"(", "PackageType": "Image",
      "Code": {"ImageUri": ")" + repo +
                                   R"(:v1"},
      "ImageConfig": {"Command": ["app.handler"], "WorkingDirectory": "/srv"}})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("PackageType"), Value("Image"));
  EXPECT_EQ(*live.properties.findPath("ImageConfig.Command"), json(R"(["app.handler"])"));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_EQ(pyLine("print(lam.get_function(FunctionName='" + name + "')['Code']['ImageUri'])\n"),
            repo + ":v1");

  // Another image deployed by hand: drift at Code.ImageUri, put back by UpdateFunctionCode.
  h.outOfBand(std::string(kClients) + "lam.update_function_code(FunctionName='" + name +
              "', ImageUri='" + repo + ":hotfix')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Code.ImageUri"});
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls()["lambda:UpdateFunctionCode"], 1u);
  EXPECT_EQ(h.calls().count("lambda:UpdateFunctionConfiguration"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // A Zip package instead is a replace, as in CloudFormation.
  for (const auto& spec : h.p().info().properties)
    if (spec.name == "PackageType") {
      EXPECT_TRUE(spec.immutable);
    }
  h.remove(d, live);
}

// A Lambda speaking the wire format: GetFunction answers `config`, every
// other GET the ready state, every write an empty object.
struct LambdaWire {
  Value config;
  std::string codeSigning;
  std::string runtime = R"({"UpdateRuntimeOn": "Auto", "FunctionArn": "f"})";
  std::string recursion = R"({"RecursiveLoop": "Terminate"})";
  HttpStub stub{[this](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    if (r.method == "GET" && r.target.ends_with("/runtime-management-config")) {
      out.body = runtime;
    } else if (r.method == "GET" && r.target.ends_with("/recursion-config")) {
      out.body = recursion;
    } else if (r.method == "GET" && r.target.ends_with("/code-signing-config")) {
      out.body = R"({"FunctionName": "orders", "CodeSigningConfigArn": ")" + codeSigning + "\"}";
    } else if (r.method == "GET" && !r.target.ends_with("/configuration")) {
      Value v = Value::object();
      v["Configuration"] = config;
      out.body = v.toJson();
    } else if (r.method == "GET") {
      out.body = R"({"State": "Active", "LastUpdateStatus": "Successful"})";
    } else {
      out.body = r.method == "POST" ? config.toJson() : "{}";
    }
    return out;
  }};
  std::vector<StubRequest> writes(const std::string& method) const {
    std::vector<StubRequest> out;
    for (const auto& r : stub.requests())
      if (r.method == method) out.push_back(r);
    return out;
  }
};

const char* kWireManifest =
    R"({"FunctionName": "orders", "Role": "arn:aws:iam::123456789012:role/r",
    "Runtime": "python3.12", "Handler": "index.handler",
    "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
    "TracingConfig": {"Mode": "Active"},
    "DeadLetterConfig": {"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"},
    "KmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k1",
    "FileSystemConfigs": [{"Arn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1",
                           "LocalMountPath": "/mnt/data"}],
    "LoggingConfig": {"LogFormat": "JSON", "ApplicationLogLevel": "WARN", "LogGroup": "orders-logs"},
    "SnapStart": {"ApplyOn": "PublishedVersions"},
    "VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"],
                  "Ipv6AllowedForDualStack": "true"}})";

// What Lambda answers for kWireManifest: its own names (KMSKeyArn), and fields
// the manifest does not have (VpcId, OptimizationStatus, SystemLogLevel).
const char* kWireConfig = R"({"FunctionName": "orders", "FunctionArn":
    "arn:aws:lambda:us-east-1:123456789012:function:orders", "Role": "arn:aws:iam::123456789012:role/r",
    "Runtime": "python3.12", "Handler": "index.handler", "State": "Active",
    "LastUpdateStatus": "Successful", "CodeSha256": "x",
    "TracingConfig": {"Mode": "Active"},
    "DeadLetterConfig": {"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"},
    "KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k1",
    "FileSystemConfigs": [{"Arn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1",
                           "LocalMountPath": "/mnt/data"}],
    "LoggingConfig": {"LogFormat": "JSON", "ApplicationLogLevel": "WARN", "SystemLogLevel": "INFO",
                      "LogGroup": "orders-logs"},
    "SnapStart": {"ApplyOn": "PublishedVersions", "OptimizationStatus": "On"},
    "VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"], "VpcId": "vpc-1",
                  "Ipv6AllowedForDualStack": true}})";

TEST(LambdaFunctionWire, ConfigurationBlocksAreSentReadAndUpdated) {
  LambdaWire wire;
  wire.config = json(kWireConfig);
  // The inline code is what runs: its digest is the one Lambda reports.
  wire.config["CodeSha256"] = Value(aws::sha256Base64(::driftless::lambda::zipSingleFile(
      "index.py", "def handler(event, context):\n    return 1\n")));
  Harness h("AWS::Lambda::Function", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Fn", json(kWireManifest));

  // Create sends every block under the API's names.
  h.create(d);
  auto posts = wire.writes("POST");
  ASSERT_FALSE(posts.empty());
  Value sent = json(posts[0].body);
  EXPECT_EQ(*sent.find("KMSKeyArn"), Value("arn:aws:kms:us-east-1:123456789012:key/k1"));
  EXPECT_EQ(*sent.find("TracingConfig"), json(R"({"Mode": "Active"})"));
  EXPECT_EQ(*sent.find("DeadLetterConfig"),
            json(R"({"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"})"));
  EXPECT_EQ(*sent.find("SnapStart"), json(R"({"ApplyOn": "PublishedVersions"})"));
  EXPECT_EQ(*sent.findPath("VpcConfig.Ipv6AllowedForDualStack"), Value(true));
  EXPECT_EQ(
      *sent.find("LoggingConfig"),
      json(R"({"LogFormat": "JSON", "ApplicationLogLevel": "WARN", "LogGroup": "orders-logs"})"));
  EXPECT_EQ(sent.find("FileSystemConfigs")->size(), 1u);

  // Observe reads them back in the manifest's shape: no difference.
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("KmsKeyArn"), Value("arn:aws:kms:us-east-1:123456789012:key/k1"));
  EXPECT_EQ(live.properties.findPath("SnapStart.OptimizationStatus"), nullptr);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Changed blocks: one UpdateFunctionConfiguration carrying them, no code update.
  d.properties["TracingConfig"]["Mode"] = Value("PassThrough");
  d.properties["DeadLetterConfig"]["TargetArn"] = Value("");
  d.properties["LoggingConfig"]["ApplicationLogLevel"] = Value("ERROR");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change),
            (std::vector<std::string>{"DeadLetterConfig.TargetArn",
                                      "LoggingConfig.ApplicationLogLevel", "TracingConfig.Mode"}));
  auto before = wire.stub.requests().size();
  h.update(d, live, change);
  std::vector<StubRequest> puts;
  auto all = wire.stub.requests();
  for (std::size_t i = before; i < all.size(); ++i)
    if (all[i].method == "PUT") puts.push_back(all[i]);
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_EQ(puts[0].target, "/2015-03-31/functions/orders/configuration");
  Value body = json(puts[0].body);
  EXPECT_EQ(*body.find("TracingConfig"), json(R"({"Mode": "PassThrough"})"));
  EXPECT_EQ(*body.find("DeadLetterConfig"), json(R"({"TargetArn": ""})"));
  EXPECT_EQ(*body.findPath("LoggingConfig.ApplicationLogLevel"), Value("ERROR"));
}

// Tenant isolation, durable functions and Lambda Managed Instances' capacity
// providers: moto 5.2.1 stores none of them
// (docs/manifest-reference.md, "What the emulator cannot do"), so on the wire.
TEST(LambdaFunctionWire, TenancyAndDurableConfig) {
  const std::string source = "def handler(e, c):\n    return 1\n";
  LambdaWire wire;
  wire.config = json(R"({"FunctionName": "orders",
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders",
      "Role": "arn:aws:iam::123456789012:role/r", "Runtime": "python3.12",
      "Handler": "index.handler", "State": "Active", "LastUpdateStatus": "Successful",
      "TenancyConfig": {"TenantIsolationMode": "PER_TENANT"},
      "DurableConfig": {"ExecutionTimeout": 3600, "RetentionPeriodInDays": 14},
      "CapacityProviderConfig": {"LambdaManagedInstancesCapacityProviderConfig": {
          "CapacityProviderArn": "arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp",
          "PerExecutionEnvironmentMaxConcurrency": 10,
          "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0}}})");
  wire.config["CodeSha256"] =
      Value(aws::sha256Base64(::driftless::lambda::zipSingleFile("index.py", source)));
  Harness h("AWS::Lambda::Function", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Fn", json(R"({"FunctionName": "orders",
      "Role": "arn:aws:iam::123456789012:role/r", "Runtime": "python3.12",
      "Handler": "index.handler", "Code": {"ZipFile": "def handler(e, c):\n    return 1\n"},
      "TenancyConfig": {"TenantIsolationMode": "PER_TENANT"},
      "DurableConfig": {"ExecutionTimeout": "3600", "RetentionPeriodInDays": 14},
      "CapacityProviderConfig": {"LambdaManagedInstancesCapacityProviderConfig": {
          "CapacityProviderArn": "arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp",
          "PerExecutionEnvironmentMaxConcurrency": "10",
          "ExecutionEnvironmentMemoryGiBPerVCpu": "4"}}})"));
  EXPECT_TRUE(h.p().info().validate(d.properties).empty());
  h.create(d);
  auto posts = wire.writes("POST");
  ASSERT_FALSE(posts.empty());
  Value sent = json(posts[0].body);
  EXPECT_EQ(*sent.find("TenancyConfig"), json(R"({"TenantIsolationMode": "PER_TENANT"})"));
  EXPECT_EQ(*sent.find("DurableConfig"),
            json(R"({"ExecutionTimeout": 3600, "RetentionPeriodInDays": 14})"));
  const Value managed = json(R"({"LambdaManagedInstancesCapacityProviderConfig": {
      "CapacityProviderArn": "arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp",
      "PerExecutionEnvironmentMaxConcurrency": 10, "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0}})");
  EXPECT_EQ(*sent.find("CapacityProviderConfig"), managed);
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Retention shortened by hand: drift, set back by UpdateFunctionConfiguration
  // (which takes DurableConfig, and never TenancyConfig).
  wire.config["DurableConfig"]["RetentionPeriodInDays"] = Value(1);
  wire.config["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]
             ["PerExecutionEnvironmentMaxConcurrency"] = Value(64);
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{
                              "CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig."
                              "PerExecutionEnvironmentMaxConcurrency",
                              "DurableConfig.RetentionPeriodInDays"}));
  h.update(d, live, drift);
  std::vector<Value> configs;
  for (const auto& r : wire.writes("PUT"))
    if (r.target == "/2015-03-31/functions/orders/configuration") configs.push_back(json(r.body));
  ASSERT_EQ(configs.size(), 1u);
  EXPECT_EQ(*configs[0].find("DurableConfig"),
            json(R"({"ExecutionTimeout": 3600, "RetentionPeriodInDays": 14})"));
  EXPECT_EQ(*configs[0].find("CapacityProviderConfig"), managed);
  EXPECT_EQ(configs[0].find("TenancyConfig"), nullptr);

  // Tenant isolation is fixed at creation: a function without it differs, and
  // the difference is a replace.
  wire.config["DurableConfig"]["RetentionPeriodInDays"] = Value(14);  // as the update set it
  wire.config["CapacityProviderConfig"] = managed;
  wire.config.erase("TenancyConfig");
  EXPECT_EQ(paths(h.p().diff(d, h.observe(d))), std::vector<std::string>{"TenancyConfig"});
  EXPECT_TRUE(h.p().info().property("TenancyConfig")->immutable);
  EXPECT_FALSE(h.p().info().property("DurableConfig")->immutable);
  EXPECT_EQ(h.p().info().validate(json(R"({"DurableConfig": {"ExecutionTimeout": 0,
      "RetentionPeriodInDays": 91}})")),
            (std::vector<std::string>{
                "DurableConfig.ExecutionTimeout: must be an integer from 1 to 31622400 seconds",
                "DurableConfig.RetentionPeriodInDays: must be an integer from 1 to 90 days"}));
}

// CodeSigningConfigArn is its own sub-resource: read with
// GetFunctionCodeSigningConfig, changed with Put..., and "" detaches it (Delete...).
TEST(LambdaFunctionWire, CodeSigningConfigIsPutAndDeleted) {
  LambdaWire wire;
  wire.config = json(kWireConfig);
  wire.codeSigning = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1";
  wire.config["CodeSha256"] = Value(aws::sha256Base64(
      ::driftless::lambda::zipSingleFile("index.py", "def handler(e, c):\n    return 1\n")));
  Harness h("AWS::Lambda::Function", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Fn", json(R"({"FunctionName": "orders",
      "Role": "arn:aws:iam::123456789012:role/r", "Runtime": "python3.12",
      "Handler": "index.handler", "Code": {"ZipFile": "def handler(e, c):\n    return 1\n"},
      "CodeSigningConfigArn": "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1"})"));
  Observed live = h.observe(d);
  EXPECT_EQ(*live.properties.find("CodeSigningConfigArn"), Value(wire.codeSigning));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  auto sent = [&](const std::string& method) {
    std::vector<StubRequest> out;
    for (const auto& r : wire.stub.requests())
      if (r.method == method && r.target.ends_with("/code-signing-config")) out.push_back(r);
    return out;
  };
  d.properties["CodeSigningConfigArn"] =
      Value("arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-2");
  Delta change = h.p().diff(d, live);
  h.update(d, live, change);
  ASSERT_EQ(sent("PUT").size(), 1u);
  EXPECT_EQ(sent("PUT")[0].target, "/2020-06-30/functions/orders/code-signing-config");
  EXPECT_EQ(json(sent("PUT")[0].body), json(R"({"CodeSigningConfigArn":
                "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-2"})"));
  EXPECT_TRUE(wire.writes("PUT").size() == 1u) << "no configuration or code update";

  d.properties["CodeSigningConfigArn"] = Value("");
  h.update(d, live, h.p().diff(d, live));
  ASSERT_EQ(sent("DELETE").size(), 1u);
  EXPECT_EQ(sent("DELETE")[0].target, "/2020-06-30/functions/orders/code-signing-config");
}

// RuntimeManagementConfig and RecursiveLoop (moto has neither API): each its
// own Get when the manifest has it, its own Put on create and on change.
TEST(LambdaFunctionWire, RuntimeManagementAndRecursionAreSubResources) {
  LambdaWire wire;
  wire.config = json(kWireConfig);
  wire.config["CodeSha256"] = Value(aws::sha256Base64(
      ::driftless::lambda::zipSingleFile("index.py", "def handler(e, c):\n    return 1\n")));
  wire.runtime = R"({"UpdateRuntimeOn": "Manual", "FunctionArn": "f",
      "RuntimeVersionArn": "arn:aws:lambda:us-east-1::runtime:abc"})";
  wire.recursion = R"({"RecursiveLoop": "Allow"})";
  Harness h("AWS::Lambda::Function", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Fn", json(R"({"FunctionName": "orders",
      "Role": "arn:aws:iam::123456789012:role/r", "Runtime": "python3.12",
      "Handler": "index.handler", "Code": {"ZipFile": "def handler(e, c):\n    return 1\n"},
      "RuntimeManagementConfig": {"UpdateRuntimeOn": "Manual",
                                  "RuntimeVersionArn": "arn:aws:lambda:us-east-1::runtime:abc"},
      "RecursiveLoop": "Allow"})"));
  auto puts = [&](const std::string& suffix) {
    std::vector<Value> out;
    for (const auto& r : wire.stub.requests())
      if (r.method == "PUT" && r.target.ends_with(suffix)) out.push_back(json(r.body));
    return out;
  };
  h.create(d);
  ASSERT_EQ(puts("/2021-07-20/functions/orders/runtime-management-config").size(), 1u);
  EXPECT_EQ(puts("/runtime-management-config")[0], *d.properties.find("RuntimeManagementConfig"));
  ASSERT_EQ(puts("/2024-08-31/functions/orders/recursion-config").size(), 1u);
  EXPECT_EQ(puts("/recursion-config")[0], json(R"({"RecursiveLoop": "Allow"})"));

  Observed live = h.observe(d);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Recursion allowed back to Terminate by hand: drift, put back by its own call only.
  wire.recursion = R"({"RecursiveLoop": "Terminate"})";
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"RecursiveLoop"});
  auto before = wire.writes("PUT").size();
  wire.recursion = R"({"RecursiveLoop": "Allow"})";  // what the Put leaves
  live = h.update(d, live, drift);
  EXPECT_EQ(wire.writes("PUT").size(), before + 1) << "one PutFunctionRecursionConfig";
  EXPECT_EQ(puts("/recursion-config").size(), 2u);

  // Back to automatic runtime updates in the manifest.
  d.properties["RuntimeManagementConfig"] = json(R"({"UpdateRuntimeOn": "Auto"})");
  Delta change = h.p().diff(d, live);
  ASSERT_TRUE(change.onlyAt({"RuntimeManagementConfig"}))
      << ::testing::PrintToString(paths(change));
  h.update(d, live, change);
  ASSERT_EQ(puts("/runtime-management-config").size(), 2u);
  EXPECT_EQ(puts("/runtime-management-config")[1], json(R"({"UpdateRuntimeOn": "Auto"})"));
}

// ImageConfig changes go in UpdateFunctionConfiguration (moto does not keep them).
TEST(LambdaFunctionWire, ImageConfigIsUpdatedInPlace) {
  LambdaWire wire;
  wire.config = json(kWireConfig);
  wire.config["PackageType"] = Value("Image");
  wire.config["ImageConfigResponse"] = json(R"({"ImageConfig": {"Command": ["app.handler"]}})");
  Harness h("AWS::Lambda::Function", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Fn", json(R"({"FunctionName": "orders",
      "Role": "arn:aws:iam::123456789012:role/r", "PackageType": "Image",
      "Code": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:v1"},
      "ImageConfig": {"Command": ["app.handler"]}})"));
  Observed live = h.observe(d);
  EXPECT_FALSE(h.p().diff(d, live).differentAt("ImageConfig"));
  d.properties["ImageConfig"]["Command"] = json(R"(["app.other"])");
  Delta change = h.p().diff(d, live);
  Delta only;
  for (const auto& c : change.changes)
    if (c.path.starts_with("ImageConfig")) only.changes.push_back(c);
  ASSERT_EQ(paths(only), std::vector<std::string>{"ImageConfig.Command"});
  h.update(d, live, only);
  auto puts = wire.writes("PUT");
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_EQ(puts[0].target, "/2015-03-31/functions/orders/configuration");
  EXPECT_EQ(*json(puts[0].body).find("ImageConfig"), json(R"({"Command": ["app.other"]})"));
}

// A function where Lambda reports none of the blocks: the manifest's "off"
// values (no dead-letter queue, PassThrough tracing, no file system, no VPC,
// SnapStart None, the default key) are no difference.
TEST(LambdaFunctionWire, SwitchedOffBlocksMatchAnAbsentAnswer) {
  LambdaWire wire;
  wire.config = json(R"({"FunctionName": "orders", "Role": "arn:aws:iam::123456789012:role/r",
      "State": "Active", "CodeSha256": "x"})");
  Harness h("AWS::Lambda::Function", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Fn", json(R"({"FunctionName": "orders",
      "Role": "arn:aws:iam::123456789012:role/r", "Code": {"S3Bucket": "b", "S3Key": "k"},
      "TracingConfig": {"Mode": "PassThrough"}, "DeadLetterConfig": {"TargetArn": ""},
      "KmsKeyArn": "", "FileSystemConfigs": [], "SnapStart": {"ApplyOn": "None"},
      "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": []}})"));
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  Delta delta = h.p().diff(d, live);
  EXPECT_TRUE(delta.onlyAt({"Code"})) << ::testing::PrintToString(paths(delta));
}

}  // namespace lambda_config
}  // namespace driftless::testing
