// AWS::Athena::WorkGroup against moto (which has no UpdateWorkGroup: that
// call is checked on the wire).
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

TEST(AthenaWorkGroupProvider, CreateObserveDriftRemove) {
  Harness h("AWS::Athena::WorkGroup");
  const std::string name = uniqueName("analysts");
  Desired d = h.desired("Analysts", json(R"({"Name": ")" + name + R"(",
      "Description": "analysts", "RecursiveDeleteOption": true,
      "WorkGroupConfiguration": {"EnforceWorkGroupConfiguration": true,
          "BytesScannedCutoffPerQuery": "10000000",
          "ResultConfiguration": {"OutputLocation": "s3://results/athena/",
              "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}}},
      "Tags": [{"Key": "team", "Value": "data"}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "GetWorkGroup and ListTagsForResource";

  h.outOfBand("athena",
              "c.tag_resource(ResourceARN='arn:aws:athena:us-east-1:123456789012:"
              "workgroup/" +
                  name + "', Tags=[{'Key': 'team', 'Value': 'other'}])\n");
  h.resetStats();
  live = expectDriftCorrected(h, d, {"Tags"});
  EXPECT_EQ(h.calls().count("athena:UpdateWorkGroup"), 0u) << "a tags-only change";

  expectRemoved(h, d, live);
}

// UpdateWorkGroup on the wire: only what differs, the result configuration
// under ResultConfigurationUpdates.
TEST(AthenaWorkGroupProvider, UpdateWorkGroupOnTheWire) {
  testing::HttpStub stub([](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    out.body = target == "AmazonAthena.GetWorkGroup"
                   ? R"({"WorkGroup": {"Name": "wg", "State": "ENABLED", "Description": "new"}})"
                   : "{}";
    return out;
  });
  Harness h("AWS::Athena::WorkGroup", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Wg", json(R"({"Name": "wg", "Description": "new",
      "WorkGroupConfiguration": {"BytesScannedCutoffPerQuery": "20000000",
          "ResultConfiguration": {"OutputLocation": "s3://new/"}}})"));
  Observed live;
  live.exists = true;
  live.properties = json(R"({"Name": "wg", "Description": "old", "Tags": [],
      "WorkGroupConfiguration": {"BytesScannedCutoffPerQuery": 10000000,
          "ResultConfiguration": {"OutputLocation": "s3://old/"}}})");
  live.owner = Ownership{"ctl-test", "dev", "app", "Wg"};
  Delta delta = h.p().diff(d, live);
  h.update(d, live, delta);
  int updates = 0;
  for (const auto& r : stub.requests()) {
    if (!r.headers.count("x-amz-target") ||
        r.headers.at("x-amz-target") != "AmazonAthena.UpdateWorkGroup")
      continue;
    ++updates;
    EXPECT_EQ(json(r.body), json(R"({"WorkGroup": "wg", "Description": "new",
        "ConfigurationUpdates": {"BytesScannedCutoffPerQuery": 20000000,
            "ResultConfigurationUpdates": {"OutputLocation": "s3://new/"}}})"));
  }
  EXPECT_EQ(updates, 1);
}

TEST(AthenaWorkGroupProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Athena::WorkGroup");
  const Value bad = json(R"({"Name": "primary", "WorkGroupConfiguration": {"ResultConfiguration":
      {"OutputLocation": "results", "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS"}}}})");
  EXPECT_EQ(info.validate(bad).size(), 3u) << ::testing::PrintToString(info.validate(bad));
}

TEST(AthenaManifest, WorkGroupRoundTrip) {
  ManifestRun run;
  const std::string name = run.name("analysts");
  const std::string arn = "arn:aws:athena:us-east-1:123456789012:workgroup/" + name;
  auto tag = [&] {
    return run.boto("athena",
                    "print({t['Key']: t['Value'] for t in c.list_tags_for_resource("
                    "ResourceARN='" +
                        arn + "')['Tags']}.get('team'))");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Analysts:\n    Type: AWS::Athena::WorkGroup\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      Name: " + name +
           "\n      WorkGroupConfiguration:\n        ResultConfiguration:\n"
           "          OutputLocation: s3://results/" +
           name + "/\n      Tags: [{Key: team, Value: v" + std::to_string(v) + "}]\n";
  };
  t.drift = [&] {
    run.boto("athena", "c.untag_resource(ResourceARN='" + arn + "', TagKeys=['team'])");
  };
  t.driftPath = "Tags";
  t.checkCorrected = [&] { EXPECT_EQ(tag(), "v1"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(tag(), "v2"); };
  t.exists = [&] {
    return run.boto("athena", "print(any(w['Name'] == '" + name +
                                  "' for w in c.list_work_groups()['WorkGroups']))") == "True";
  };
  roundTrip(run, t);

  const std::string gone = run.name("gone");
  createThenDelete(
      run,
      "Resources:\n  Gone:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: " +
          gone + "\n      RecursiveDeleteOption: true\n",
      [&] {
        return run.boto("athena", "print(any(w['Name'] == '" + gone +
                                      "' for w in c.list_work_groups()['WorkGroups']))") == "True";
      });
}

}  // namespace
}  // namespace driftless::platform
