// AWS::Lambda::EventSourceMapping round trip (issue 17) with an SQS queue, a
// DynamoDB stream and a Kinesis stream as sources: create from a manifest, a
// clean plan right after, out-of-band changes detected as drift and corrected,
// pushed changes applied in place (settings) or as a replace (the source),
// delete and Retain.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string manifest(const std::string& p, const std::string& kinesisArn,
                     const std::string& mapping, bool withMappings = true) {
  std::string y =
      "Resources:\n"
      "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
      p +
      "-role\n      AssumeRolePolicyDocument:\n        Statement:\n"
      "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "
      "sts:AssumeRole}\n"
      "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: " +
      p +
      "-fn\n      Role: !GetAtt Role.Arn\n      Runtime: python3.12\n"
      "      Handler: index.handler\n"
      "      Code: {ZipFile: \"def handler(event, context):\\n    return 1\\n\"}\n";
  for (const char* q : {"Work", "Other", "Kept"})
    y += std::string("  ") + q + ":\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: " + p +
         "-" + q + "}\n";
  y += "  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: " + p +
       "-table\n      BillingMode: PAY_PER_REQUEST\n"
       "      AttributeDefinitions: [{AttributeName: k, AttributeType: S}]\n"
       "      KeySchema: [{AttributeName: k, KeyType: HASH}]\n"
       "      StreamSpecification: {StreamViewType: NEW_IMAGE}\n";
  if (!withMappings) return y;
  return y +
         "  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n"
         "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
         "      FunctionName: !Ref Fn\n" +
         mapping +
         "  Stream:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
         "      FunctionName: !Ref Fn\n      EventSourceArn: !GetAtt Table.StreamArn\n"
         "      StartingPosition: LATEST\n      MaximumRetryAttempts: 2\n"
         "      BisectBatchOnFunctionError: true\n"
         "      KmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/filters\n"
         "      DestinationConfig: {OnFailure: {Destination: !GetAtt Other.Arn}}\n"
         "  Shards:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
         "      FunctionName: !Ref Fn\n      EventSourceArn: " +
         kinesisArn +
         "\n      StartingPosition: TRIM_HORIZON\n      ParallelizationFactor: 2\n"
         "  Keep:\n    Type: AWS::Lambda::EventSourceMapping\n    DeletionPolicy: Retain\n"
         "    Properties:\n      FunctionName: !Ref Fn\n      EventSourceArn: !GetAtt Kept.Arn\n";
}

TEST(LambdaEventSourceMapping, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  const std::string kinesisArn = st.boto(
      "kinesis", "c.create_stream(StreamName='" + p +
                     "-shards', ShardCount=1)\nprint(c.describe_stream_summary(StreamName='" + p +
                     "-shards')['StreamDescriptionSummary']['StreamARN'])");
  // The mappings of a source queue/stream, as "<BatchSize> <State> <filters>" lines.
  auto mappings = [&](const std::string& source) {
    std::string arn = source.starts_with("arn:")
                          ? "'" + source + "'"
                          : "'arn:aws:sqs:' + region + ':123456789012:" + p + "-" + source + "'";
    return st.boto("lambda", "ms = c.list_event_source_mappings(EventSourceArn=" + arn +
                                 ")['EventSourceMappings']\n"
                                 "print(' / '.join('%s %s %s' % (m.get('BatchSize'), m['State'], "
                                 "len(m.get('FilterCriteria', {}).get('Filters', []))) for m in "
                                 "ms) or 'none')");
  };
  auto sqsMapping = [](const std::string& queue, int batch, bool enabled = true,
                       const std::string& extra = "") {
    return "      EventSourceArn: !GetAtt " + queue +
           ".Arn\n      BatchSize: " + std::to_string(batch) +
           "\n      Enabled: " + (enabled ? "true" : "false") +
           "\n      Tags: [{Key: team, Value: orders}]\n" + extra;
  };
  st.push(manifest(p, kinesisArn, sqsMapping("Work", 5)));
  st.apply();
  EXPECT_EQ(mappings("Work"), "5 Enabled 0");
  EXPECT_EQ(mappings(kinesisArn), "100 Enabled 0");
  EXPECT_EQ(mappings("Kept"), "10 Enabled 0");
  st.expectClean();

  // Out of band: another batch size and disabled is drift, corrected in place.
  const std::string workUuid =
      "c.list_event_source_mappings(EventSourceArn='arn:aws:sqs:' + region"
      " + ':123456789012:" +
      p + "-Work')['EventSourceMappings'][0]['UUID']";
  st.boto("lambda",
          "c.update_event_source_mapping(UUID=" + workUuid + ", BatchSize=9, Enabled=False)");
  st.expectPlanned("Mapping", "update", "drift", {"BatchSize", "Enabled"});
  st.apply();
  EXPECT_EQ(mappings("Work"), "5 Enabled 0");
  st.expectClean();

  // Out of band: deleted is a missing resource, created again.
  st.boto("lambda", "c.delete_event_source_mapping(UUID=" + workUuid + ")");
  st.expectPlanned("Mapping", "create", "drift");
  st.apply();
  EXPECT_EQ(mappings("Work"), "5 Enabled 0");
  st.expectClean();

  // Pushed: settings change in place; another source queue replaces the mapping.
  st.push(manifest(p, kinesisArn,
                   sqsMapping("Work", 7, false,
                              "      FilterCriteria:\n        Filters:\n"
                              "          - Pattern: '{\"body\": {\"kind\": [\"order\"]}}'\n")));
  st.expectPlanned("Mapping", "update", "change");
  st.apply();
  EXPECT_EQ(mappings("Work"), "7 Disabled 1");
  st.expectClean();
  st.push(manifest(p, kinesisArn, sqsMapping("Other", 7)));
  st.expectPlanned("Mapping", "replace");
  st.apply();
  EXPECT_EQ(mappings("Work"), "none");
  EXPECT_EQ(mappings("Other"), "7 Enabled 0");
  st.expectClean();

  // Removed from git: deleted; Keep stays (DeletionPolicy Retain).
  st.push(manifest(p, kinesisArn, "", false));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Mapping"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_EQ(mappings("Other"), "none");
  EXPECT_EQ(mappings(kinesisArn), "none");
  EXPECT_EQ(mappings("Kept"), "10 Enabled 0");
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
