// Issue 13 end to end: templates using the CloudFormation template language
// (Outputs/exports and Fn::ImportValue, generated names, Conditions, Mappings,
// parameter constraints, a JSON template, a topic with a subscription to a new
// queue) apply against moto, then plan with nothing to do, and `state rebuild`
// finds the generated names again.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/e2e/harness.h"

namespace driftless::e2e {
namespace {

std::string networkTemplate() {
  return "Parameters:\n"
         "  Tier: {Type: String, Default: gold, AllowedPattern: '[a-z]+', MinLength: 2}\n"
         "Mappings:\n  Retention:\n    gold: {seconds: 1209600}\n"
         "Conditions:\n"
         "  IsDev: !Equals [dev, !Sub '${Driftless::Environment}']\n"
         "  IsProd: !Not [!Condition IsDev]\n"
         "Resources:\n"
         "  Events:\n    Type: AWS::SQS::Queue\n    Properties:\n"
         "      MessageRetentionPeriod: !FindInMap [Retention, !Ref Tier, seconds]\n"
         "      DelaySeconds: !If [IsDev, 2, !Ref 'AWS::NoValue']\n"
         "  Alerts: {Type: AWS::SNS::Topic}\n"
         "  AlertsToEvents:\n    Type: AWS::SNS::Subscription\n    Properties:\n"
         "      TopicArn: !Ref Alerts\n      Protocol: sqs\n      Endpoint: !GetAtt Events.Arn\n"
         "  ProdOnly:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n"
         "Outputs:\n"
         "  EventsArn:\n    Value: !GetAtt Events.Arn\n"
         "    Export: {Name: !Sub '${AWS::StackName}-events-arn'}\n";
}

std::string appTemplate(const std::string& prefix) {
  return "{\"Resources\": {\r\n"
         " \"Work\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\r\n"
         "  \"QueueName\": {\"Fn::Sub\": \"" +
         prefix +
         "-work-${Driftless::Environment}\"},\r\n"
         "  \"RedrivePolicy\": {\"deadLetterTargetArn\": {\"Fn::ImportValue\": \"" +
         prefix +
         "net-events-arn\"}, \"maxReceiveCount\": 4}}},\r\n"
         " \"Zone\": {\"Type\": \"AWS::SSM::Parameter\", \"Properties\": {\r\n"
         "  \"Name\": \"/" +
         prefix +
         "/zone\", \"Type\": \"String\",\r\n"
         "  \"Value\": {\"Fn::Select\": [1, {\"Fn::Split\": [\",\", \"a,b,c\"]}]}}}}}\r\n";
}

TEST(TemplateLanguage, AppliesThenPlansCleanAndRebuildFindsGeneratedNames) {
  Scenario s;
  const std::string p = s.prefix();
  s.push("dev", {{p + "net.yaml", networkTemplate()}, {p + "app.json", appTemplate(p)}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  auto cycle = d->waitFor(match("cycle.finished", {{"env", "dev"}}));
  ASSERT_TRUE(cycle) << d->log();
  const Value* result = cycle->find("result");
  ASSERT_TRUE(result && result->isString() && result->asString() == "succeeded") << d->log();
  int rc = 0;
  std::string status = s.cli({"status", "--config", s.config(), "--env", "dev", "--outputs"}, &rc);
  EXPECT_EQ(rc, 0) << status;
  EXPECT_NE(status.find(p + "net.EventsArn = arn:"), std::string::npos) << status;
  EXPECT_NE(status.find("(export " + p + "net-events-arn)"), std::string::npos) << status;
  EXPECT_EQ(d->process().stop(10000), 0);
  d.reset();

  EXPECT_EQ(s.countQueues(p + "net-Events-"), 1);
  EXPECT_EQ(s.countQueues(p + "net-ProdOnly-"), 0);
  EXPECT_EQ(s.queueAttribute(s.queueName("work", "dev"), "RedrivePolicy").find(p + "net-Events-") !=
                std::string::npos,
            true);
  // The output is recorded in state, resolved.
  std::string state =
      "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "import json\n"
      "doc = json.loads(c.get_object(Bucket='" +
      s.bucket() +
      "', Key='driftless/dev/state.json')['Body'].read())\n"
      "print(doc['stacks']['" +
      p + "net']['outputs']['EventsArn']['value'])";
  std::string arn = s.python(state);
  EXPECT_NE(arn.find(":" + p + "net-Events-"), std::string::npos) << arn;

  std::string out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;

  // Lose the state: rebuild finds the resources by their generated names and
  // proves them ours by their tags (the subscription, which has no tags, is
  // "foreign" to a rebuild: its evidence was the state).
  s.python("boto3.client('s3', endpoint_url=ep, region_name=region).delete_object(Bucket='" +
           s.bucket() + "', Key='driftless/dev/state.json')");
  out = s.cli({"state", "rebuild", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("4 owned resources recorded"), std::string::npos) << out;
  std::string events =
      "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "import json\n"
      "doc = json.loads(c.get_object(Bucket='" +
      s.bucket() +
      "', Key='driftless/dev/state.json')['Body'].read())\n"
      "print(doc['stacks']['" +
      p + "net']['resources']['Events']['physicalId'])";
  EXPECT_NE(s.python(events).find(p + "net-Events-"), std::string::npos);
}

}  // namespace
}  // namespace driftless::e2e

namespace driftless::e2e {
namespace {

// Writes the SSM parameter /<prefix>/retention the templates below look up.
void putRetention(Scenario& s, const std::string& p, const char* seconds) {
  s.python("boto3.client('ssm', endpoint_url=ep, region_name=region).put_parameter(Name='/" + p +
           "/retention', Type='String', Overwrite=True, Value='" + seconds + "')");
}

// A template's Parameters and first resource: a queue <prefix><suffix> whose
// MessageRetentionPeriod is that SSM parameter's value.
std::string retentionQueue(const std::string& p, const std::string& suffix) {
  return "Parameters:\n"
         "  Retention: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /" +
         p +
         "/retention}\n"
         "Resources:\n"
         "  Events:\n    Type: AWS::SQS::Queue\n    Properties:\n"
         "      QueueName: " +
         p + suffix + "\n      MessageRetentionPeriod: !Ref Retention\n";
}

// Parameters of the SSM types are read from Parameter Store, and Fn::GetAZs
// from EC2 (and Fn::ForEach loops expand), each time a cycle loads the template: a value changed in
// SSM is a change the next cycle applies and records.
TEST(TemplateLanguage, SsmParameterTypesGetAZsAndForEachApplyAgainstAws) {
  Scenario s;
  const std::string p = s.prefix();
  putRetention(s, p, "345600");
  std::string tmpl = "Transform: AWS::LanguageExtensions\n" + retentionQueue(p, "-lookups") +
                     "  Zone:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
                     "      Name: /" +
                     p +
                     "/zone\n      Type: String\n      Value: !Select [0, !GetAZs '']\n"
                     "  Fn::ForEach::Teams:\n    - Team\n    - [red, blue]\n"
                     "    - ${Team}Queue:\n        Type: AWS::SQS::Queue\n"
                     "        Properties: {QueueName: !Sub '" +
                     p + "-${Team}'}\n";
  s.push("dev", {{p + "app.yaml", tmpl}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.queueAttribute(p + "-lookups", "MessageRetentionPeriod"), "345600");
  std::string zone = s.python(
      "print(boto3.client('ssm', endpoint_url=ep, region_name=region)"
      ".get_parameter(Name='/" +
      p + "/zone')['Parameter']['Value'])");
  std::string firstZone = s.python(
      "print(boto3.client('ec2', endpoint_url=ep, region_name=region)"
      ".describe_availability_zones()['AvailabilityZones'][0]['ZoneName'])");
  EXPECT_EQ(zone, firstZone);
  EXPECT_EQ(s.countQueues(p + "-red"), 1);
  EXPECT_EQ(s.countQueues(p + "-blue"), 1);

  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;  // nothing to do

  putRetention(s, p, "86400");
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("MessageRetentionPeriod"), std::string::npos) << out;
  out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.queueAttribute(p + "-lookups", "MessageRetentionPeriod"), "86400");

  // A parameter that does not exist is a located error, and nothing changes.
  s.python("boto3.client('ssm', endpoint_url=ep, region_name=region).delete_parameter(Name='/" + p +
           "/retention')");
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find(p + "app.yaml:3:"), std::string::npos) << out;
  EXPECT_NE(out.find("does not exist"), std::string::npos) << out;
}

}  // namespace
}  // namespace driftless::e2e

namespace driftless::e2e {
namespace {

// The daemon keeps the manifests it loaded for the next cycle of the same
// commit, except a commit whose templates look values up in AWS: a value
// changed in SSM is applied by the next cycle of the unchanged commit.
TEST(TemplateLanguage, TheDaemonLooksSsmParameterTypesUpOnEveryCycle) {
  Scenario s;
  const std::string p = s.prefix();
  putRetention(s, p, "345600");
  s.push("dev", {{p + "app.yaml", retentionQueue(p, "-looked-up")}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})))
      << d->log();
  EXPECT_EQ(s.queueAttribute(p + "-looked-up", "MessageRetentionPeriod"), "345600");
  putRetention(s, p, "86400");
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}})))
      << d->log();
  EXPECT_EQ(s.queueAttribute(p + "-looked-up", "MessageRetentionPeriod"), "86400") << d->log();
}

// What driftless accepts and ignores (CreationPolicy) is said in the log, once
// per commit, naming where.
TEST(TemplateLanguage, IgnoredTemplateFeaturesAreLoggedOncePerCommit) {
  Scenario s;
  const std::string p = s.prefix();
  s.push("dev", {{p + "app.yaml",
                  "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                  "    CreationPolicy: {ResourceSignal: {Count: 1}}\n"
                  "    Properties: {QueueName: " +
                      p + "-signals}\n"}});
  auto d = s.start();
  auto warning = d->waitFor(match("manifest.warning", {{"env", "dev"}}));
  ASSERT_TRUE(warning) << d->log();
  EXPECT_EQ(warning->find("message")->scalarText(),
            "manifests/" + p +
                "app.yaml:4:5: Q: CreationPolicy is accepted and ignored (driftless does not "
                "wait for signals or run rolling updates)");
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}}))) << d->log();
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}})))
      << d->log();
  auto isWarning = match("manifest.warning");
  auto events = d->events();
  EXPECT_EQ(std::count_if(events.begin(), events.end(), isWarning), 1) << d->log();
}

}  // namespace
}  // namespace driftless::e2e
