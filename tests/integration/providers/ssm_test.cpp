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

}  // namespace
}  // namespace driftless::testing
