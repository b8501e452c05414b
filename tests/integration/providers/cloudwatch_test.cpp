// AWS::CloudWatch::Alarm against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

Value alarmProps(const std::string& name, const std::string& topicArn) {
  return json(R"({"AlarmName": ")" + name + R"(", "AlarmDescription": "DLQ not empty",
      "Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible",
      "Dimensions": [{"Name": "QueueName", "Value": "orders-dlq"}],
      "Statistic": "Maximum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 0,
      "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching",
      "AlarmActions": [")" +
              topicArn + R"("],
      "Tags": [{"Key": "team", "Value": "orders"}]})");
}

TEST(CloudWatchAlarmProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::CloudWatch::Alarm");
  const std::string name = uniqueName("dlq-depth");
  const std::string topic = "arn:aws:sns:us-east-1:123456789012:alerts";
  Desired d = h.desired("Alarm", alarmProps(name, topic));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "DescribeAlarms and ListTagsForResource";

  // Out of band: the threshold and the description changed; the alarm firing
  // (its state) is not drift.
  h.outOfBand("cloudwatch",
              "c.put_metric_alarm(AlarmName='" + name +
                  "', Namespace='AWS/SQS', MetricName='ApproximateNumberOfMessagesVisible', "
                  "Dimensions=[{'Name': 'QueueName', 'Value': 'orders-dlq'}], Statistic='Maximum', "
                  "Period=60, EvaluationPeriods=1, Threshold=10, "
                  "ComparisonOperator='GreaterThanThreshold', TreatMissingData='notBreaching', "
                  "AlarmActions=['" +
                  topic +
                  "'])\n"
                  "c.set_alarm_state(AlarmName='" +
                  name + "', StateValue='ALARM', StateReason='test')\n");
  live = expectDriftCorrected(h, d, {"AlarmDescription", "Threshold"});

  d.properties["EvaluationPeriods"] = Value(3);
  d.properties["DatapointsToAlarm"] = Value(2);
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), (std::vector<std::string>{"DatapointsToAlarm", "EvaluationPeriods"}));
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["monitoring:PutMetricAlarm"], 1u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  d.properties["Tags"] = json(R"([{"Key": "team", "Value": "billing"}])");
  change = h.p().diff(d, live);
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls().count("monitoring:PutMetricAlarm"), 0u) << "a tags-only change rewrote it";
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  expectRemoved(h, d, live);
}

// A metric math alarm (Metrics, ThresholdMetricId): created, read back,
// drift corrected, changed in place.
TEST(CloudWatchAlarmProvider, MetricMathAlarmRoundTrip) {
  Harness h("AWS::CloudWatch::Alarm");
  const std::string name = uniqueName("error-rate");
  Desired d = h.desired("Alarm", json(R"({"AlarmName": ")" + name + R"(",
      "EvaluationPeriods": 2, "Threshold": 5, "ComparisonOperator": "GreaterThanThreshold",
      "ThresholdMetricId": "rate",
      "Metrics": [
        {"Id": "errors", "ReturnData": false, "MetricStat": {"Period": 60, "Stat": "Sum",
          "Metric": {"Namespace": "AWS/Lambda", "MetricName": "Errors",
                     "Dimensions": [{"Name": "FunctionName", "Value": "orders"}]}}},
        {"Id": "calls", "ReturnData": false, "MetricStat": {"Period": 60, "Stat": "Sum",
          "Metric": {"Namespace": "AWS/Lambda", "MetricName": "Invocations"}}},
        {"Id": "rate", "Expression": "100 * errors / calls", "Label": "error %",
         "ReturnData": true}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("ThresholdMetricId"), Value("rate"));
  // Read back in manifest shape (an empty Dimensions list where none was given).
  const Value& metrics = *live.properties.find("Metrics");
  ASSERT_EQ(metrics.size(), 3u);
  EXPECT_EQ(metrics.asArray()[0], d.properties.find("Metrics")->asArray()[0]);
  EXPECT_EQ(metrics.asArray()[2], d.properties.find("Metrics")->asArray()[2]);
  EXPECT_EQ(
      botoOutput("cloudwatch", "a = c.describe_alarms(AlarmNames=['" + name +
                                   "'])['MetricAlarms'][0]\n"
                                   "print(a['Metrics'][2]['Expression'], a.get('MetricName'))"),
      "100 * errors / calls None");

  // The expression changed by hand: drift at that field, put back.
  h.outOfBand("cloudwatch",
              "c.put_metric_alarm(AlarmName='" + name +
                  "', EvaluationPeriods=2, Threshold=5, ComparisonOperator='GreaterThanThreshold', "
                  "ThresholdMetricId='rate', Metrics=["
                  "{'Id': 'errors', 'ReturnData': False, 'MetricStat': {'Period': 60, 'Stat': "
                  "'Sum', 'Metric': {'Namespace': 'AWS/Lambda', 'MetricName': 'Errors', "
                  "'Dimensions': [{'Name': 'FunctionName', 'Value': 'orders'}]}}},"
                  "{'Id': 'calls', 'ReturnData': False, 'MetricStat': {'Period': 60, 'Stat': "
                  "'Sum', 'Metric': {'Namespace': 'AWS/Lambda', 'MetricName': 'Invocations'}}},"
                  "{'Id': 'rate', 'Expression': 'errors / calls', 'Label': 'error %', "
                  "'ReturnData': True}])\n");
  live = expectDriftCorrected(h, d, {"Metrics"});

  // The period of one metric changed in the manifest: one PutMetricAlarm.
  d.properties["Metrics"].asArray()[1]["MetricStat"]["Period"] = Value(300);
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"Metrics"});
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["monitoring:PutMetricAlarm"], 1u);
  EXPECT_EQ(botoOutput("cloudwatch", "print(c.describe_alarms(AlarmNames=['" + name +
                                         "'])['MetricAlarms'][0]['Metrics'][1]['MetricStat']"
                                         "['Period'])"),
            "300");
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  expectRemoved(h, d, live);
}

TEST(CloudWatchAlarmProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::CloudWatch::Alarm");
  const Value bad = json(R"({"Namespace": "n", "Statistic": "Sum", "ExtendedStatistic": "p99",
      "Period": 45, "EvaluationPeriods": 1, "DatapointsToAlarm": 2,
      "ComparisonOperator": "GreaterThanThreshold"})");
  EXPECT_EQ(info.validate(bad).size(), 4u) << ::testing::PrintToString(info.validate(bad));
  const Value math = json(R"({"EvaluationPeriods": 1, "ComparisonOperator": "LessThanThreshold",
      "Namespace": "n", "Metrics": [
      {"Id": "a", "Expression": "b * 2", "MetricStat": {"Period": 60, "Stat": "Sum",
                                                         "Metric": {"MetricName": "m"}}}]})");
  EXPECT_EQ(info.validate(math),
            (std::vector<std::string>{
                "Namespace: cannot be given together with Metrics",
                "Metrics: each query needs exactly one of Expression or MetricStat"}));
  const Value band = json(R"({"EvaluationPeriods": 1, "ComparisonOperator": "LessThanThreshold",
      "Namespace": "n", "MetricName": "m",
      "Statistic": "Sum", "ThresholdMetricId": "ad1"})");
  EXPECT_EQ(info.validate(band),
            std::vector<std::string>{"ThresholdMetricId: only with Metrics (an anomaly "
                                     "detection band)"});
  EXPECT_EQ(info.validate(json(R"({"Namespace": "n", "MetricName": "m", "Statistic": "Sum",
      "EvaluationInterval": 60})")),
            (std::vector<std::string>{
                "EvaluationPeriods: required without EvaluationCriteria",
                "ComparisonOperator: required without EvaluationCriteria",
                "EvaluationInterval: only with EvaluationCriteria (a PromQL alarm)"}));
  EXPECT_EQ(info.validate(json(R"({"EvaluationCriteria": {"PromQLCriteria": {}},
      "Threshold": 1, "EvaluationInterval": 45})")),
            (std::vector<std::string>{
                "Threshold: cannot be given together with EvaluationCriteria",
                "EvaluationCriteria: needs PromQLCriteria.Query",
                "EvaluationInterval: must be 10, 20, 30 or a multiple of 60, at most 3600"}));
}

// A PromQL alarm: moto 5.2.1 drops EvaluationCriteria and EvaluationInterval
// (docs/manifest-reference.md, "What the emulator cannot do"), so against a
// stub answering as CloudWatch does: create, no drift, drift corrected by one
// PutMetricAlarm carrying no threshold setting, a change in place.
TEST(CloudWatchAlarmWire, PromQLAlarm) {
  std::string query = "sum(rate(errors[5m])) > 5", interval = "60";
  auto xml = [](const std::string& action, const std::string& result) {
    return "<" + action + "Response xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><" +
           action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>r" +
           "</RequestId></ResponseMetadata></" + action + "Response>";
  };
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    testing::StubResponse out;
    out.headers = {{"Content-Type", "text/xml"}};
    if (r.body.find("Action=DescribeAlarms") != std::string::npos)
      out.body = xml("DescribeAlarms",
                     "<MetricAlarms><member><AlarmName>errors</AlarmName><AlarmArn>"
                     "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors</AlarmArn>"
                     "<ActionsEnabled>true</ActionsEnabled><EvaluationCriteria><PromQLCriteria>"
                     "<Query>" +
                         query +
                         "</Query><PendingPeriod>120</PendingPeriod></PromQLCriteria>"
                         "</EvaluationCriteria><EvaluationInterval>" +
                         interval + "</EvaluationInterval></member></MetricAlarms>");
    else if (r.body.find("Action=ListTagsForResource") != std::string::npos)
      out.body = xml("ListTagsForResource", "<Tags/>");
    else
      out.body = xml("PutMetricAlarm", "");
    return out;
  });
  Harness h("AWS::CloudWatch::Alarm", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Errors", json(R"({"AlarmName": "errors",
      "EvaluationCriteria": {"PromQLCriteria": {"Query": "sum(rate(errors[5m])) > 5",
          "PendingPeriod": 120}}, "EvaluationInterval": 60})"));
  EXPECT_TRUE(h.p().info().validate(d.properties).empty());
  auto puts = [&] {
    std::vector<std::string> out;
    for (const auto& r : stub.requests())
      if (r.body.find("Action=PutMetricAlarm") != std::string::npos) out.push_back(r.body);
    return out;
  };
  Observed live = h.create(d);
  ASSERT_EQ(puts().size(), 1u);
  EXPECT_NE(
      puts()[0].find("EvaluationCriteria.PromQLCriteria.Query=sum%28rate%28errors%5B5m%5D%29%29"
                     "%20%3E%205"),
      std::string::npos)
      << puts()[0];
  EXPECT_NE(puts()[0].find("EvaluationCriteria.PromQLCriteria.PendingPeriod=120"),
            std::string::npos);
  EXPECT_NE(puts()[0].find("EvaluationInterval=60"), std::string::npos);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Changed by hand: drift, put back whole, without threshold settings.
  expectDriftCorrected(h, d,
                       [&] {
                         query = "sum(rate(errors[5m])) > 50";
                         interval = "300";
                       },
                       {"EvaluationCriteria.PromQLCriteria.Query", "EvaluationInterval"});
  ASSERT_EQ(puts().size(), 2u);
  EXPECT_NE(puts()[1].find("EvaluationInterval=60"), std::string::npos);
  for (const char* absent : {"ComparisonOperator", "EvaluationPeriods", "Threshold", "MetricName"})
    EXPECT_EQ(puts()[1].find(absent), std::string::npos) << absent;
  EXPECT_FALSE(h.p().info().property("EvaluationCriteria")->immutable);
  EXPECT_FALSE(h.p().info().property("EvaluationInterval")->immutable);
}

TEST(CloudWatchManifest, AlarmRoundTrip) {
  ManifestRun run;
  const std::string name = run.name("dlq");
  auto field = [&](const std::string& f) {
    return run.boto("cloudwatch", "print(c.describe_alarms(AlarmNames=['" + name +
                                      "'])['MetricAlarms'][0]['" + f + "'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Alarm:\n    Type: AWS::CloudWatch::Alarm\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      AlarmName: " + name +
           "\n      Namespace: AWS/SQS\n      MetricName: ApproximateNumberOfMessagesVisible\n"
           "      Dimensions: [{Name: QueueName, Value: orders-dlq}]\n"
           "      Statistic: Maximum\n      Period: 60\n      EvaluationPeriods: " +
           std::to_string(v) +
           "\n      Threshold: 0\n      ComparisonOperator: GreaterThanThreshold\n";
  };
  t.drift = [&] {
    run.boto("cloudwatch", "c.put_metric_alarm(AlarmName='" + name +
                               "', Namespace='AWS/SQS', MetricName='Other', Statistic='Maximum', "
                               "Period=60, EvaluationPeriods=1, Threshold=0, "
                               "ComparisonOperator='GreaterThanThreshold')");
  };
  t.driftPath = "MetricName";
  t.checkCorrected = [&] { EXPECT_EQ(field("MetricName"), "ApproximateNumberOfMessagesVisible"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(field("EvaluationPeriods"), "2"); };
  t.exists = [&] {
    return run.boto("cloudwatch", "print(len(c.describe_alarms(AlarmNames=['" + name +
                                      "'])['MetricAlarms']))") == "1";
  };
  roundTrip(run, t);

  const std::string gone = run.name("gone");
  createThenDelete(run,
                   "Resources:\n  Gone:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n"
                   "      AlarmName: " +
                       gone +
                       "\n      Namespace: AWS/SQS\n      MetricName: NumberOfMessagesSent\n"
                       "      Statistic: Sum\n      Period: 300\n      EvaluationPeriods: 1\n"
                       "      Threshold: 1\n      ComparisonOperator: LessThanThreshold\n",
                   [&] {
                     return run.boto("cloudwatch", "print(len(c.describe_alarms(AlarmNames=['" +
                                                       gone + "'])['MetricAlarms']))") == "1";
                   });
}

}  // namespace
}  // namespace driftless::platform
