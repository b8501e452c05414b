// Observe in bulk through the binary (issue 20): a no-op `driftless plan` of
// 12 log groups and 12 SSM parameters reads them with their list and batch
// APIs (the cycle fills common::ObserveBatch with the ids in state, and the
// Tagging API listing carries their tags), counted at a proxy in front of moto.
#include "tests/integration/providers/platform_harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::platform {
namespace {

TEST(ComputeBulkCycle, NoOpPlanReadsLogGroupsAndParametersInBulk) {
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  ManifestRun run(proxy.url());
  std::string stack = "Resources:\n";
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i);
    stack += "  Group" + n + ":\n    Type: AWS::Logs::LogGroup\n    Properties:\n" +
             "      LogGroupName: /" + run.name("bulk") + "/g" + n + "\n" +
             "      RetentionInDays: 7\n      Tags: [{Key: team, Value: bulk}]\n" + "  Param" + n +
             ":\n    Type: AWS::SSM::Parameter\n    Properties:\n" + "      Name: /" +
             run.name("bulk") + "/p" + n + "\n      Type: String\n      Value: v" + n +
             "\n      Description: bulk\n      Tags: {team: bulk}\n";
  }
  run.s.push("dev", {{"stack.yaml", stack}});
  run.apply();
  std::string out;
  proxy.resetCounts();
  ASSERT_EQ(run.plan(&out), 0) << out;
  EXPECT_EQ(proxy.count({.operation = "DescribeLogGroups"}), 1u)
      << "one page under the groups' common prefix (24 reads before issue 20)";
  EXPECT_EQ(proxy.count({.operation = "ListTagsForResource"}), 0u)
      << "tags from the Tagging API listing";
  EXPECT_EQ(proxy.count({.operation = "GetParameters"}), 2u) << "12 names, 10 a call";
  EXPECT_EQ(proxy.count({.operation = "GetParameter"}), 0u);
  EXPECT_EQ(proxy.count({.operation = "DescribeParameters"}), 2u)
      << "12 names in one filter; moto pages by 10";
  EXPECT_GE(proxy.count({.operation = "GetResources"}), 1u);

  // Drift made by hand is seen from the bulk reads.
  run.boto("logs", "c.put_retention_policy(logGroupName='/" + run.name("bulk") +
                       "/g3', retentionInDays=30)");
  run.boto("ssm", "c.put_parameter(Name='/" + run.name("bulk") +
                      "/p5', Value='changed', Type='String', Overwrite=True)");
  ASSERT_EQ(run.plan(&out), 2) << out;
  EXPECT_NE(out.find("RetentionInDays"), std::string::npos) << out;
  EXPECT_NE(out.find("Value"), std::string::npos) << out;
  run.apply();
  EXPECT_EQ(run.plan(&out), 0) << out;
  run.removeStack("stack.yaml");
  run.apply();
}

}  // namespace
}  // namespace driftless::platform
