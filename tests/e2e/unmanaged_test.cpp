// What driftless does not manage: `unmanaged` finds a resource a killed cycle
// leaked (our tags, no state) and, with --all, an untagged one; `import`
// prints the manifest that adopts a live resource, which then converges.
#include <gtest/gtest.h>

#include "tests/e2e/harness.h"

namespace driftless::e2e {
namespace {

TEST(Unmanaged, FindsLeakedAndUntaggedResourcesAndImportAdoptsOne) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .http = false});
  s.push("dev", {{"kept.yaml", s.queues({"kept"})}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  // Left by a cycle killed between CreateQueue and its state write: our tags, no state.
  const std::string leaked = s.queueName("leaked", "dev"), loose = s.queueName("loose", "dev");
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "c.create_queue(QueueName='" +
      leaked + "', tags={'driftless:controller': '" + s.prefix() +
      "', 'driftless:environment': 'dev', 'driftless:stack': 'gone', "
      "'driftless:logical-id': 'leaked'})\n"
      "c.create_queue(QueueName='" +
      loose + "', Attributes={'VisibilityTimeout': '45'}, tags={'team': 'data'})\n");

  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find(":" + leaked), std::string::npos) << out;
  EXPECT_NE(out.find("leaked  AWS::SQS::Queue"), std::string::npos) << out;
  EXPECT_NE(out.find("(was gone/leaked)"), std::string::npos) << out;
  EXPECT_EQ(out.find(s.queueName("kept", "dev")), std::string::npos) << "in state: managed";
  EXPECT_EQ(out.find(loose), std::string::npos) << "untagged ones only with --all";

  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev", "--all", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  auto report = Value::fromJson(out);
  ASSERT_TRUE(report) << out;
  std::string looseKind;
  for (const auto& r : report->find("resources")->asArray())
    if (r.find("arn")->asString().ends_with(":" + loose)) looseKind = r.find("kind")->asString();
  EXPECT_EQ(looseKind, "untagged") << out;

  // import: the manifest that adopts it; committed, it converges.
  std::string yaml = s.cli({"import", "AWS::SQS::Queue", loose, "--config", s.config(), "--env",
                            "dev", "--stack", "imported", "--logical-id", "Loose"},
                           &rc);
  ASSERT_EQ(rc, 0) << yaml;
  EXPECT_NE(yaml.find("adopt: true"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("VisibilityTimeout: 45"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\"team\""), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("driftless:controller"), std::string::npos) << "no ownership tags";
  s.push("dev", {{"imported.yaml", yaml}});
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 2) << "adopting writes the ownership tags: " << out;
  EXPECT_NE(out.find("ownership tags (adopt)"), std::string::npos) << out;
  EXPECT_EQ(out.find("VisibilityTimeout"), std::string::npos) << "no property changes: " << out;
  out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << "converged: " << out;
  EXPECT_EQ(s.queueAttribute(loose, "VisibilityTimeout"), "45");
}

}  // namespace
}  // namespace driftless::e2e
