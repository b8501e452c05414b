// AWS::SecretsManager::Secret against moto: the value is secret everywhere.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

std::string botoSecrets(const std::string& code) {
  int rc = 0;
  std::string out = testing::moto().python(
      "c = boto3.client('secretsmanager', endpoint_url=ep, region_name=region)\n" + code, &rc);
  EXPECT_EQ(rc, 0) << out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

TEST(SecretProvider, SecretStringDriftIsCorrectedWithoutShowingTheValue) {
  Harness h("AWS::SecretsManager::Secret");
  const std::string name = "app/" + uniqueName("db");
  const std::string value = "s3cr3t-" + uniqueName("v");
  Desired d = h.desired("Secret", json(R"({"Name": ")" + name + R"(", "Description": "db",
      "SecretString": ")" + value + R"(", "RecoveryWindowInDays": 7,
      "Tags": [{"Key": "team", "Value": "db"}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Id")->asString().rfind("arn:aws:secretsmanager:", 0), 0u);
  EXPECT_EQ(live.attributes.toJson().find(value), std::string::npos);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "DescribeSecret and GetSecretValue";

  const std::string other = "other-" + value;
  h.outOfBand("secretsmanager", "c.put_secret_value(SecretId='" + name + "', SecretString='" +
                                    other + "')\nc.tag_resource(SecretId='" + name +
                                    "', Tags=[{'Key': 'extra', 'Value': 'x'}])\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{"SecretString", "Tags"}));
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls()["secretsmanager:PutSecretValue"], 1u);
  EXPECT_EQ(h.calls().count("secretsmanager:UpdateSecret"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_EQ(botoSecrets("print(c.get_secret_value(SecretId='" + name + "')['SecretString'])"),
            value);

  d.properties["Description"] = Value("database");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"Description"});
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["secretsmanager:UpdateSecret"], 1u);
  EXPECT_EQ(h.calls().count("secretsmanager:PutSecretValue"), 0u);

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists) << "pending deletion is absent";
  EXPECT_EQ(botoSecrets("print(c.describe_secret(SecretId='" + name +
                        "').get('DeletedDate') "
                        "is not None)"),
            "True")
      << "deleted with a recovery window, not forced";
  h.remove(d, live);  // already marked deleted: success
}

TEST(SecretProvider, GeneratedOnceNeverComparedAndForceDeleted) {
  Harness h("AWS::SecretsManager::Secret");
  const std::string name = uniqueName("generated");
  Desired d = h.desired("Secret", json(R"({"Name": ")" + name + R"(",
      "GenerateSecretString": {"SecretStringTemplate": "{\"username\": \"app\"}",
          "GenerateStringKey": "password", "PasswordLength": 24, "ExcludePunctuation": true},
      "ForceDeleteWithoutRecovery": true})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty());
  const std::string read = "import json\nv = json.loads(c.get_secret_value(SecretId='" + name +
                           "')['SecretString'])\nprint(v['username'], len(v['password']), "
                           "v['password'])";
  const std::string first = botoSecrets(read);
  EXPECT_EQ(first.rfind("app 24 ", 0), 0u) << first;
  h.resetStats();
  live = h.observe(d);
  EXPECT_EQ(h.stats().total(), 1u) << "the generated value is never read";
  EXPECT_TRUE(h.p().diff(d, live).empty()) << "a no-op cycle does not regenerate";
  EXPECT_EQ(botoSecrets(read), first);

  h.remove(d, live);
  EXPECT_EQ(botoSecrets("try:\n  c.describe_secret(SecretId='" + name +
                        "')\n  print('kept')\nexcept c.exceptions.ResourceNotFoundException:\n"
                        "  print('gone')"),
            "gone")
      << "ForceDeleteWithoutRecovery deletes at once";
}

// AWS keeps a deleted secret's name for its recovery window and answers
// CreateSecret with InvalidRequestException (moto 5.2.1 answers
// ResourceExistsException instead): on the wire, a known wait.
TEST(SecretProvider, NameScheduledForDeletionIsAWaitOnTheWire) {
  testing::HttpStub stub([](const testing::StubRequest&) {
    testing::StubResponse out;
    out.status = 400;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    out.body = R"({"__type": "InvalidRequestException", "message": "You can't create this )"
               R"(secret because a secret with this name is already scheduled for deletion."})";
    return out;
  });
  Harness h("AWS::SecretsManager::Secret", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Secret", json(R"({"Name": "app/db", "SecretString": "v"})"));
  auto r = h.run(h.p().create(d));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, ErrorKind::Waiting);
  EXPECT_TRUE(r.error().retryAfter.has_value());
  EXPECT_NE(r.error().message.find("app/db is scheduled for deletion"), std::string::npos)
      << r.error().message;
}

// A managed external secret's partner (Type): moto 5.2.1 neither stores nor
// returns it (docs/manifest-reference.md, "What the emulator cannot do"), so
// against a stub answering as Secrets Manager does.
TEST(SecretWire, TypeIsSentReadAndUpdated) {
  std::string type = "SalesforceClientCredentials";
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    out.body = "{}";
    if (target.ends_with(".DescribeSecret"))
      out.body = R"({"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/sf-a1b2c3",
          "Name": "app/sf", "Type": ")" +
                 type + R"(", "Tags": []})";
    else if (target.ends_with(".CreateSecret"))
      out.body = R"({"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/sf-a1b2c3",
          "Name": "app/sf"})";
    return out;
  });
  Harness h("AWS::SecretsManager::Secret", Harness::Options{.endpoint = stub.url()});
  Desired d =
      h.desired("Secret", json(R"({"Name": "app/sf", "Type": "SalesforceClientCredentials"})"));
  h.create(d);
  ASSERT_EQ(sentJson(stub, "CreateSecret").size(), 1u);
  EXPECT_EQ(*sentJson(stub, "CreateSecret")[0].find("Type"), Value("SalesforceClientCredentials"));

  // Changed by hand: drift, set back by UpdateSecret.
  expectDriftCorrected(h, d, [&] { type = "SnowflakeCredentials"; }, {"Type"});
  auto updates = sentJson(stub, "UpdateSecret");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(*updates[0].find("Type"), Value("SalesforceClientCredentials"));
  EXPECT_EQ(*updates[0].find("SecretId"), Value("app/sf"));
  EXPECT_FALSE(h.p().info().property("Type")->immutable);
}

TEST(SecretProvider, Validation) {
  const TypeInfo* info = &typeInfo("AWS::SecretsManager::Secret");
  const Value both = json(R"({"SecretString": "x", "GenerateSecretString": {}})");
  EXPECT_EQ(info->validate(both).size(), 1u);
  const Value halfTemplate = json(R"({"GenerateSecretString": {"GenerateStringKey": "p"}})");
  EXPECT_EQ(info->validate(halfTemplate).size(), 1u);
  const Value window = json(R"({"RecoveryWindowInDays": 3, "ForceDeleteWithoutRecovery": true})");
  EXPECT_EQ(info->validate(window).size(), 2u);
  EXPECT_TRUE(info->property("SecretString")->secret);
}

std::string secretYaml(ManifestRun& run, const std::string& name, const std::string& value,
                       int version, bool retain) {
  return "Resources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n" +
         std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
         "    Properties:\n      Name: " + name + "\n      Description: v" +
         std::to_string(version) + "\n      SecretString: " + value +
         "\n      RecoveryWindowInDays: 7\n"
         "  Generated:\n    Type: AWS::SecretsManager::Secret\n" +
         std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
         "    Properties:\n      Name: " + name +
         "-generated\n      GenerateSecretString: {PasswordLength: 16}\n"
         "      ForceDeleteWithoutRecovery: true\n";
  (void)run;
}

TEST(SecretsManifest, RoundTripNeverShowsTheValue) {
  ManifestRun run;
  const std::string name = run.name("db");
  const std::string value = "s3cr3t-" + run.s.prefix();
  const std::string oob = "oob-" + value;
  auto current = [&](const std::string& id) {
    return run.boto("secretsmanager",
                    "print(c.get_secret_value(SecretId='" + id + "')['SecretString'])");
  };
  std::string generated;
  RoundTrip t;
  t.manifest = [&](int v, bool retain) { return secretYaml(run, name, value, v, retain); };
  t.drift = [&] {
    generated = current(name + "-generated");
    run.boto("secretsmanager",
             "c.put_secret_value(SecretId='" + name + "', SecretString='" + oob + "')");
  };
  t.driftPath = "SecretString";
  t.checkCorrected = [&] {
    EXPECT_EQ(current(name), value);
    EXPECT_EQ(current(name + "-generated"), generated) << "regenerated by a cycle";
  };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] {
    EXPECT_EQ(run.boto("secretsmanager",
                       "print(c.describe_secret(SecretId='" + name + "')['Description'])"),
              "v2");
  };
  t.exists = [&] {
    return run.boto("secretsmanager",
                    "try:\n  print(c.describe_secret(SecretId='" + name +
                        "').get('DeletedDate') is None)\n"
                        "except c.exceptions.ResourceNotFoundException:\n  print(False)") == "True";
  };
  roundTrip(run, t);

  // Nothing the binary printed or logged holds the value (plans mask it).
  std::string out;
  run.s.push("dev", {{"stack.yaml", secretYaml(run, name + "-2", value, 1, false)}});
  out = run.apply();
  EXPECT_EQ(out.find(value), std::string::npos) << out;
  run.boto("secretsmanager",
           "c.put_secret_value(SecretId='" + name + "-2', SecretString='" + oob + "')");
  EXPECT_EQ(run.plan(&out), 2);
  EXPECT_EQ(out.find(value), std::string::npos) << out;
  EXPECT_EQ(out.find(oob), std::string::npos) << out;

  // Nor does anything the controller stored (state, history, records).
  for (const auto& f : std::filesystem::recursive_directory_iterator(run.s.dir.path() / "data")) {
    if (!f.is_regular_file()) continue;
    std::ifstream in(f.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find(value), std::string::npos) << f.path();
    EXPECT_EQ(text.find(oob), std::string::npos) << f.path();
  }

  // Deleted: with the recovery window (7 days), the generated one at once.
  run.removeStack("stack.yaml");
  out = run.apply();
  EXPECT_EQ(run.boto("secretsmanager", "print(c.describe_secret(SecretId='" + name +
                                           "-2').get('DeletedDate') is not None)"),
            "True")
      << out;
  EXPECT_EQ(run.boto("secretsmanager", "try:\n  c.describe_secret(SecretId='" + name +
                                           "-2-generated')\n  print('kept')\n"
                                           "except c.exceptions.ResourceNotFoundException:\n"
                                           "  print('gone')"),
            "gone");
}

}  // namespace
}  // namespace driftless::platform
