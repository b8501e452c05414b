// AWS::Lambda::Function ReservedConcurrentExecutions (issue 14): create, no-op,
// out-of-band change → drift → corrected, change → in-place update.
#include "tests/integration/providers2/harness.h"

namespace driftless::testing {
namespace {

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

}  // namespace
}  // namespace driftless::testing
