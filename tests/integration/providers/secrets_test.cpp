#include <spdlog/spdlog.h>

#include "tests/integration/providers/harness.h"

// Secrets (Lambda environment values, SecureString values) never appear in
// what these providers hand out: Delta values, attributes, error messages, or
// anything logged while they work (stderr at trace level, grepped).
namespace driftless::testing {
namespace {

Value json(const std::string& s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

std::string deltaText(const Delta& d) {
  std::string out;
  for (const auto& c : d.changes)
    out += c.path + " " + (c.desired ? c.desired->toJson() : "-") + " " +
           (c.live ? c.live->toJson() : "-") + "\n";
  return out;
}

TEST(Secrets, NeverInDeltasErrorsOrLogs) {
  const std::string envSecret = "EnvS3cret" + uniqueName("x");
  const std::string paramSecret = "ParamS3cret" + uniqueName("y");
  spdlog::set_level(spdlog::level::trace);
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  std::string seen;  // everything a user could see from these providers

  {
    Harness h("AWS::SSM::Parameter");
    const std::string name = "/app/" + uniqueName("secret");
    Desired d =
        h.desired("S", json(R"({"Name": ")" + name + R"(", "Type": "SecureString", "Value": ")" +
                            paramSecret + R"("})"));
    Observed live = h.create(d);
    seen += live.attributes.toJson();
    // Drift of the value, by another client.
    h.outOfBand(
        "c = boto3.client('ssm', endpoint_url=ep, aws_access_key_id=ak, "
        "aws_secret_access_key=sk, region_name=region)\nc.put_parameter(Name='" +
        name + "', Value='x" + paramSecret + "', Type='SecureString', Overwrite=True)\n");
    live = h.observe(d);
    Delta drift = h.p().diff(d, live);
    EXPECT_FALSE(drift.empty());
    seen += deltaText(drift);
    // An error whose request carried the value: creating what exists.
    auto again = h.run(h.p().create(d));
    ASSERT_FALSE(again.has_value());
    seen += again.error().describe();
    // A value the service rejects (AllowedPattern).
    Desired bad = d;
    bad.properties["AllowedPattern"] = Value("^nomatch$");
    auto rejected = h.run(h.p().update(bad, live, h.p().diff(bad, live)));
    if (!rejected) seen += rejected.error().describe();
    h.remove(d, live);
  }
  {
    Harness h("AWS::Lambda::Function");
    const std::string role = uniqueName("secret-exec");
    h.outOfBand(
        "iam = boto3.client('iam', endpoint_url=ep, aws_access_key_id=ak, "
        "aws_secret_access_key=sk, region_name=region)\niam.create_role(RoleName='" +
        role + "', AssumeRolePolicyDocument='{}')\n");
    const std::string name = uniqueName("fn-secret");
    Desired d = h.desired("F", json(R"({"FunctionName": ")" + name +
                                    R"(", "Role": "arn:aws:iam::123456789012:role/)" + role +
                                    R"(", "Runtime": "python3.12", "Handler": "index.handler",
        "Code": {"ZipFile": "def handler(e, c): return 1"},
        "Environment": {"Variables": {"TOKEN": ")" +
                                    envSecret + R"("}}})"));
    Observed live = h.create(d);
    ASSERT_TRUE(live.exists);
    seen += live.attributes.toJson();
    Desired changed = d;
    changed.properties["Environment"]["Variables"]["TOKEN"] = Value("new-" + envSecret);
    Delta delta = h.p().diff(changed, live);
    EXPECT_EQ(paths(delta), std::vector<std::string>{"Environment.Variables.TOKEN"});
    seen += deltaText(delta);
    auto again = h.run(h.p().create(d));
    ASSERT_FALSE(again.has_value());
    seen += again.error().describe();
    h.remove(d, live);
  }

  seen += ::testing::internal::GetCapturedStderr();
  seen += ::testing::internal::GetCapturedStdout();
  spdlog::set_level(spdlog::level::info);
  EXPECT_EQ(seen.find(envSecret), std::string::npos) << seen;
  EXPECT_EQ(seen.find(paramSecret), std::string::npos) << seen;
  EXPECT_NE(seen.find("***"), std::string::npos) << "masked values are shown as ***";
}

}  // namespace
}  // namespace driftless::testing
