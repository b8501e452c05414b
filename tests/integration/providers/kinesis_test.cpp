// AWS::Kinesis::Stream against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

TEST(KinesisStreamProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::Kinesis::Stream");
  const std::string name = uniqueName("stream");
  Desired d = h.desired("Stream", json(R"({"Name": ")" + name + R"(", "ShardCount": 1,
      "RetentionPeriodHours": 48, "DesiredShardLevelMetrics": ["OutgoingBytes", "IncomingBytes"],
      "Tags": [{"Key": "team", "Value": "ingest"}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:kinesis:us-east-1:123456789012:stream/" + name);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "DescribeStreamSummary and ListTagsForStream";

  h.outOfBand("kinesis", "c.increase_stream_retention_period(StreamName='" + name +
                             "', RetentionPeriodHours=72)\nc.add_tags_to_stream(StreamName='" +
                             name +
                             "', Tags={'extra': 'x'})\nc.disable_enhanced_monitoring("
                             "StreamName='" +
                             name + "', ShardLevelMetrics=['OutgoingBytes'])\n");
  h.resetStats();
  live = expectDriftCorrected(h, d, {"DesiredShardLevelMetrics", "RetentionPeriodHours", "Tags"});
  EXPECT_EQ(h.calls()["kinesis:DecreaseStreamRetentionPeriod"], 1u);
  EXPECT_EQ(h.calls()["kinesis:EnableEnhancedMonitoring"], 1u);
  EXPECT_EQ(h.calls().count("kinesis:UpdateShardCount"), 0u);

  // Pushed changes, in place: more shards, encryption with a KMS key.
  int rc = 0;
  std::string key = testing::moto().python(
      "c = boto3.client('kms', endpoint_url=ep, region_name=region)\n"
      "print(c.create_key()['KeyMetadata']['KeyId'], end='')\n",
      &rc);
  ASSERT_EQ(rc, 0) << key;
  d.properties["ShardCount"] = Value(2);
  d.properties["StreamEncryption"] = json(R"({"EncryptionType": "KMS", "KeyId": ")" + key + "\"}");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), (std::vector<std::string>{"ShardCount", "StreamEncryption"}));
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["kinesis:UpdateShardCount"], 1u);
  EXPECT_EQ(h.calls()["kinesis:StartStreamEncryption"], 1u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  expectRemoved(h, d, live);
}

// moto 5.2.1 has neither a record size limit nor warm throughput
// (docs/manifest-reference.md, "What the emulator cannot do"): against a stub
// answering as Kinesis does, create, no drift, drift corrected, a change.
TEST(KinesisStreamWire, MaxRecordSizeAndWarmThroughput) {
  int maxRecord = 2048, warm = 100;
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    out.body = "{}";
    if (target.ends_with(".DescribeStreamSummary"))
      out.body = R"({"StreamDescriptionSummary": {"StreamName": "s", "StreamStatus": "ACTIVE",
          "StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
          "RetentionPeriodHours": 24, "OpenShardCount": 4, "EncryptionType": "NONE",
          "StreamModeDetails": {"StreamMode": "ON_DEMAND"}, "EnhancedMonitoring": [],
          "MaxRecordSizeInKiB": )" +
                 std::to_string(maxRecord) + R"(, "WarmThroughput": {"TargetMiBps": )" +
                 std::to_string(warm) + R"(, "CurrentMiBps": 50}}})";
    else if (target.ends_with(".ListTagsForStream"))
      out.body = R"({"Tags": [], "HasMoreTags": false})";
    return out;
  });
  Harness h("AWS::Kinesis::Stream", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Stream", json(R"({"Name": "s", "MaxRecordSizeInKiB": "2048",
      "WarmThroughputMiBps": 100, "StreamModeDetails": {"StreamMode": "ON_DEMAND"}})"));
  EXPECT_TRUE(h.p().info().validate(d.properties).empty());
  h.create(d);
  auto created = sentJson(stub, "CreateStream");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(*created[0].find("MaxRecordSizeInKiB"), Value(2048));
  EXPECT_EQ(*created[0].find("WarmThroughputMiBps"), Value(100));

  // Lowered by hand: both drift, each set back by its own call on the ARN.
  expectDriftCorrected(h, d,
                       [&] {
                         maxRecord = 1024;
                         warm = 10;
                       },
                       {"MaxRecordSizeInKiB", "WarmThroughputMiBps"});
  auto size = sentJson(stub, "UpdateMaxRecordSize");
  ASSERT_EQ(size.size(), 1u);
  EXPECT_EQ(size[0], json(R"({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
      "MaxRecordSizeInKiB": 2048})"));
  auto throughput = sentJson(stub, "UpdateStreamWarmThroughput");
  ASSERT_EQ(throughput.size(), 1u);
  EXPECT_EQ(throughput[0], json(R"({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
      "WarmThroughputMiBps": 100})"));

  // A new value is an update in place (CloudFormation: no interruption).
  maxRecord = 2048;
  warm = 100;
  d.properties["MaxRecordSizeInKiB"] = Value(4096);
  Observed live = h.observe(d);
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"MaxRecordSizeInKiB"});
  h.update(d, live, change);
  ASSERT_EQ(sentJson(stub, "UpdateMaxRecordSize").size(), 2u);
  EXPECT_EQ(*sentJson(stub, "UpdateMaxRecordSize")[1].find("MaxRecordSizeInKiB"), Value(4096));
  EXPECT_EQ(sentJson(stub, "UpdateStreamWarmThroughput").size(), 1u);
  EXPECT_FALSE(h.p().info().property("MaxRecordSizeInKiB")->immutable);
  EXPECT_FALSE(h.p().info().property("WarmThroughputMiBps")->immutable);
}

TEST(KinesisStreamProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Kinesis::Stream");
  const Value onDemandShards =
      json(R"({"ShardCount": 2, "StreamModeDetails": {"StreamMode": "ON_DEMAND"}})");
  EXPECT_EQ(info.validate(onDemandShards).size(), 1u);
  const Value badRetention = json(R"({"Name": "a b", "RetentionPeriodHours": 12})");
  EXPECT_EQ(info.validate(badRetention).size(), 2u);
  EXPECT_EQ(info.validate(json(R"({"MaxRecordSizeInKiB": 512, "WarmThroughputMiBps": 10})")),
            (std::vector<std::string>{"MaxRecordSizeInKiB: must be between 1024 and 10240, got 512",
                                      "WarmThroughputMiBps: only for an ON_DEMAND stream"}));
}

TEST(KinesisManifest, StreamRoundTrip) {
  ManifestRun run;
  const std::string name = run.name("events");
  auto summary = [&](const std::string& field) {
    return run.boto("kinesis", "print(c.describe_stream_summary(StreamName='" + name +
                                   "')['StreamDescriptionSummary']['" + field + "'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Stream:\n    Type: AWS::Kinesis::Stream\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      Name: " + name + "\n      ShardCount: 1\n" +
           "      RetentionPeriodHours: " + (v == 1 ? "24" : "48") +
           "\n      Tags: [{Key: team, Value: ingest}]\n";
  };
  t.drift = [&] {
    run.boto("kinesis", "c.increase_stream_retention_period(StreamName='" + name +
                            "', RetentionPeriodHours=100)");
  };
  t.driftPath = "RetentionPeriodHours";
  t.checkCorrected = [&] { EXPECT_EQ(summary("RetentionPeriodHours"), "24"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(summary("RetentionPeriodHours"), "48"); };
  t.exists = [&] {
    return run.boto("kinesis", "print('" + name + "' in c.list_streams()['StreamNames'])") ==
           "True";
  };
  roundTrip(run, t);

  const std::string gone = run.name("gone");
  createThenDelete(
      run,
      "Resources:\n  Gone:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      Name: " + gone +
          "\n      StreamModeDetails: {StreamMode: ON_DEMAND}\n",
      [&] {
        return run.boto("kinesis", "print('" + gone + "' in c.list_streams()['StreamNames'])") ==
               "True";
      });
}

}  // namespace
}  // namespace driftless::platform
