// Integration tests of providers/ssm/ against a real peer.
#include "tests/integration/providers/harness.h"

namespace driftless::testing {
namespace {

Value json(const std::string& s) {
  return *Value::fromJson(s);
}

const char* kClient =
    "c = boto3.client('ssm', endpoint_url=ep, aws_access_key_id=ak, "
    "aws_secret_access_key=sk, region_name=region)\n";

TEST(SsmParameterProvider, StringCreateObserveDriftRestoreRemove) {
  Harness h("AWS::SSM::Parameter");
  const std::string name = "/app/" + uniqueName("param");
  Desired d = h.desired("Param", json(R"({"Name": ")" + name + R"(", "Type": "String",
      "Value": "v1", "Description": "the url", "AllowedPattern": "^v.*", "Tier": "Standard",
      "Tags": {"team": "payments"}})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(live.attributes.find("Value")->asString(), "v1");

  h.outOfBand(std::string(kClient) + "c.put_parameter(Name='" + name +
              "', Value='v2', Type='String', Overwrite=True)\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Value"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.outOfBand(std::string(kClient) +
              "c.add_tags_to_resource(ResourceType='Parameter', ResourceId='" + name +
              "', Tags=[{'Key': 'extra', 'Value': 'x'}])\n");
  live = h.observe(d);
  drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Tags"});
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.stats().byOperation().count("ssm:PutParameter"), 0u)
      << "tags-only change rewrote the value";
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

TEST(SsmParameterProvider, SecureStringDriftIsReportedWithoutTheValue) {
  Harness h("AWS::SSM::Parameter");
  const std::string name = "/app/" + uniqueName("secret");
  const std::string secret = "s3cr3t-" + uniqueName("value");
  Desired d = h.desired(
      "Secret",
      json(R"({"Name": ")" + name + R"(", "Type": "SecureString", "Value": ")" + secret + R"("})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty());
  EXPECT_NE(live.attributes.toJson().find("***"), std::string::npos);
  EXPECT_EQ(live.attributes.toJson().find(secret), std::string::npos);

  const std::string other = "other-" + secret;
  h.outOfBand(std::string(kClient) + "c.put_parameter(Name='" + name + "', Value='" + other +
              "', Type='SecureString', Overwrite=True)\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Value"});
  for (const auto& c : drift.changes) {
    EXPECT_EQ(c.desired->toJson().find(secret), std::string::npos);
    EXPECT_EQ(c.live->toJson().find(other), std::string::npos);
  }
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.remove(d, live);
}

TEST(SsmParameterProvider, StringListRoundTrips) {
  Harness h("AWS::SSM::Parameter");
  const std::string name = uniqueName("list");
  Desired d = h.desired(
      "List", json(R"({"Name": ")" + name + R"(", "Type": "StringList", "Value": "a,b,c"})"));
  Observed live = h.create(d);
  EXPECT_TRUE(h.p().diff(d, live).empty());
  d.properties["Value"] = Value("a,b");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"Value"});
  live = h.update(d, live, change);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.remove(d, live);
}

// Policies (issue 14): CloudFormation's JSON string of parameter policies;
// create, no-op, out-of-band change → drift → corrected, change → one PutParameter.
TEST(SsmParameterProvider, PoliciesRoundTrip) {
  Harness h("AWS::SSM::Parameter");
  const std::string name = "/app/" + uniqueName("expiring");
  auto props = [&](const std::string& timestamp) {
    Value v = json(R"({"Name": ")" + name + R"(", "Type": "String", "Value": "v",
        "Tier": "Advanced"})");
    v["Policies"] = Value(R"([{"Type": "Expiration", "Version": "1.0",
        "Attributes": {"Timestamp": ")" +
                          timestamp + R"("}}])");
    return v;
  };
  Desired d = h.desired("Param", props("2030-01-01T00:00:00.000Z"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  ASSERT_NE(live.properties.find("Policies"), nullptr);
  EXPECT_EQ(*live.properties.find("Policies")->asArray()[0].findPath("Attributes.Timestamp"),
            Value("2030-01-01T00:00:00.000Z"));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  h.outOfBand(std::string(kClient) + "c.put_parameter(Name='" + name +
              "', Value='v', Type='String', Tier='Advanced', Overwrite=True, Policies="
              "'[{\"Type\": \"NoChangeNotification\", \"Version\": \"1.0\", "
              "\"Attributes\": {\"After\": \"30\", \"Unit\": \"Days\"}}]')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Policies"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  Desired changed = h.desired("Param", props("2031-06-01T00:00:00.000Z"));
  Delta delta = h.p().diff(changed, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{"Policies"});
  h.stats().reset();
  live = h.update(changed, live, delta);
  EXPECT_EQ(h.calls()["ssm:PutParameter"], 1u);
  h.outOfBand(std::string(kClient) +
              "import json\np = c.describe_parameters(ParameterFilters="
              "[{'Key': 'Name', 'Values': ['" +
              name +
              "']}])['Parameters'][0]['Policies']\n"
              "assert '2031-06-01' in json.dumps(p), p\n");
  EXPECT_TRUE(h.p().diff(changed, h.observe(changed)).empty());
  h.remove(changed, live);
}

TEST(SsmParameterProvider, PoliciesMustBeAListOnAnAdvancedParameter) {
  Harness h("AWS::SSM::Parameter");
  const TypeInfo& info = h.p().info();
  EXPECT_EQ(info.validate(json(R"({"Name": "/a", "Type": "String", "Value": "v",
      "Policies": "{\"Type\": \"Expiration\"}", "Tier": "Advanced"})")),
            std::vector<std::string>{"Policies: must be a JSON list of parameter policies"});
  EXPECT_EQ(info.validate(json(R"({"Name": "/a", "Type": "String", "Value": "v",
      "Policies": [{"Type": "Expiration"}]})")),
            std::vector<std::string>{"Policies: need Tier Advanced (or Intelligent-Tiering)"});
}

}  // namespace
}  // namespace driftless::testing
