// AWS::StepFunctions::StateMachine against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

const char* kRole = "arn:aws:iam::123456789012:role/orders-sfn";

TEST(StateMachineProvider, SubstitutedDefinitionRoundTrips) {
  Harness h("AWS::StepFunctions::StateMachine");
  const std::string name = uniqueName("orders");
  Desired d = h.desired("Machine", json(R"({"StateMachineName": ")" + name + R"(",
      "StateMachineType": "STANDARD", "RoleArn": ")" +
                                        kRole + R"(",
      "DefinitionString": "{\"StartAt\": \"Go\", \"States\": {\"Go\": {\"Type\": \"Task\", \"Resource\": \"${Fn}\", \"End\": true}}}",
      "DefinitionSubstitutions": {"Fn": "arn:aws:lambda:us-east-1:123456789012:function:f1"},
      "TracingConfiguration": {"Enabled": true},
      "Tags": [{"Key": "team", "Value": "orders"}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:states:us-east-1:123456789012:stateMachine:" + name);
  EXPECT_NE(live.properties.find("Definition")->toJson().find("function:f1"), std::string::npos);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "DescribeStateMachine and ListTagsForResource";

  // Out of band: another definition; corrected with UpdateStateMachine.
  h.outOfBand("stepfunctions", "c.update_state_machine(stateMachineArn='" +
                                   live.attributes.find("Arn")->asString() +
                                   "', definition='{\"StartAt\": \"P\", \"States\": {\"P\": "
                                   "{\"Type\": \"Pass\", \"End\": true}}}')\n");
  h.resetStats();
  live = expectDriftCorrected(h, d, {"DefinitionString"});
  EXPECT_EQ(h.calls()["states:UpdateStateMachine"], 1u);

  // A pushed change of a substitution only is an in-place definition update.
  d.properties["DefinitionSubstitutions"] =
      json(R"({"Fn": "arn:aws:lambda:us-east-1:123456789012:function:f2"})");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"DefinitionString"});
  live = h.update(d, live, change);
  EXPECT_NE(live.properties.find("Definition")->toJson().find("function:f2"), std::string::npos);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  expectRemoved(h, d, live);
}

// DefinitionS3Location: the definition read from S3 (with substitutions);
// the machine drifts when it no longer runs what the object holds, and a
// new object version in the manifest is an in-place update.
TEST(StateMachineProvider, DefinitionFromS3RoundTrips) {
  Harness h("AWS::StepFunctions::StateMachine");
  const std::string name = uniqueName("from-s3");
  const std::string bucket = uniqueName("definitions");
  auto put = [&](const std::string& resource) {
    return botoOutput("s3", "import json\nprint(c.put_object(Bucket='" + bucket +
                                "', Key='machines/orders.json', Body=json.dumps({'StartAt': "
                                "'Go', 'States': {'Go': {'Type': 'Task', 'Resource': '" +
                                resource + "', 'End': True}}}))['VersionId'])");
  };

  h.outOfBand("s3", "c.create_bucket(Bucket='" + bucket + "')\nc.put_bucket_versioning(Bucket='" +
                        bucket + "', VersioningConfiguration={'Status': 'Enabled'})\n");
  const std::string v1 = put("${Fn}");
  const std::string v2 = put("arn:aws:lambda:us-east-1:123456789012:function:direct");
  Desired d = h.desired("Machine", json(R"({"StateMachineName": ")" + name + R"(",
      "RoleArn": ")" + std::string(kRole) +
                                        R"(",
      "DefinitionS3Location": {"Bucket": ")" +
                                        bucket + R"(", "Key": "machines/orders.json",
                               "Version": ")" +
                                        v1 + R"("},
      "DefinitionSubstitutions": {"Fn": "arn:aws:lambda:us-east-1:123456789012:function:f1"}})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_NE(live.properties.find("Definition")->toJson().find("function:f1"), std::string::npos);
  EXPECT_EQ(*live.properties.find("DefinitionS3Location"),
            *d.properties.find("DefinitionS3Location"));

  // Out of band: another definition; drift at the location, corrected.
  h.outOfBand("stepfunctions", "c.update_state_machine(stateMachineArn='" +
                                   live.attributes.find("Arn")->asString() +
                                   "', definition='{\"StartAt\": \"P\", \"States\": {\"P\": "
                                   "{\"Type\": \"Pass\", \"End\": true}}}')\n");
  live = h.observe(d);
  ASSERT_FALSE(h.p().diff(d, live).empty());
  EXPECT_TRUE(h.p().diff(d, live).onlyAt({"DefinitionS3Location"}))
      << ::testing::PrintToString(paths(h.p().diff(d, live)));
  live = h.update(d, live, h.p().diff(d, live));
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // The manifest moves to the object's second version: one UpdateStateMachine.
  d.properties["DefinitionS3Location"]["Version"] = Value(v2);
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"DefinitionS3Location.Version"});
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["states:UpdateStateMachine"], 1u);
  EXPECT_NE(live.properties.find("Definition")->toJson().find("function:direct"),
            std::string::npos);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  expectRemoved(h, d, live);
}

TEST(StateMachineProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::StepFunctions::StateMachine");
  const Value both = json(R"({"RoleArn": "r", "Definition": {"StartAt": "A"},
      "DefinitionString": "{}"})");
  EXPECT_EQ(info.validate(both).size(), 1u);
  const Value notJson = json(R"({"RoleArn": "r", "DefinitionString": "{\"a\": ${X}",
      "DefinitionSubstitutions": {"X": 1}})");
  EXPECT_EQ(info.validate(notJson).size(), 1u);
  const Value none = json(R"({"RoleArn": "r"})");
  EXPECT_EQ(info.validate(none).size(), 1u);
  const Value twoSources = json(R"({"RoleArn": "r", "DefinitionString": "{}",
      "DefinitionS3Location": {"Bucket": "b", "Key": "k"}})");
  EXPECT_EQ(info.validate(twoSources),
            std::vector<std::string>{"Definition: give exactly one of Definition, "
                                     "DefinitionString and DefinitionS3Location"});
}

TEST(StepFunctionsManifest, StateMachineRoundTrip) {
  ManifestRun run;
  const std::string name = run.name("flow");
  const std::string arn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + name;
  auto definition = [&] {
    return run.boto("stepfunctions",
                    "print(c.describe_state_machine(stateMachineArn='" + arn + "')['definition'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      StateMachineName: " + name +
           "\n      RoleArn: arn:aws:iam::123456789012:role/flow\n"
           "      Definition:\n        StartAt: Wait\n        States:\n"
           "          Wait: {Type: Wait, Seconds: 5, Next: Done}\n"
           "          Done: {Type: Pass, Result: '${Version}', End: true}\n"
           "      DefinitionSubstitutions: {Version: v" +
           std::to_string(v) + "}\n";
  };
  t.drift = [&] {
    run.boto("stepfunctions", "c.update_state_machine(stateMachineArn='" + arn +
                                  "', definition='{\"StartAt\": \"X\", \"States\": {\"X\": "
                                  "{\"Type\": \"Pass\", \"End\": true}}}')");
  };
  t.driftPath = "Definition";
  t.checkCorrected = [&] { EXPECT_NE(definition().find("\"v1\""), std::string::npos); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_NE(definition().find("\"v2\""), std::string::npos); };
  t.exists = [&] {
    return run.boto("stepfunctions", "print(any(m['name'] == '" + name +
                                         "' for m in c.list_state_machines()['stateMachines']))") ==
           "True";
  };
  roundTrip(run, t);

  const std::string gone = run.name("gone");
  createThenDelete(run,
                   "Resources:\n  Gone:\n    Type: AWS::StepFunctions::StateMachine\n"
                   "    Properties:\n      StateMachineName: " +
                       gone +
                       "\n      RoleArn: arn:aws:iam::123456789012:role/flow\n"
                       "      DefinitionString: '{\"StartAt\": \"P\", \"States\": {\"P\": "
                       "{\"Type\": \"Pass\", \"End\": true}}}'\n",
                   [&] {
                     return run.boto("stepfunctions",
                                     "print(any(m['name'] == '" + gone +
                                         "' for m in c.list_state_machines()['stateMachines']))") ==
                            "True";
                   });
}

}  // namespace
}  // namespace driftless::platform
