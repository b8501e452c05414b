// CloudTrail-via-EventBridge events: parsing, what is ignored, and the
// mapping from an event to the managed resources it changes (through the
// real registry's per-type rules).
#include "controller/aws_events.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "providers/aws/user_agent.h"
#include "providers/builtin/builtin.h"
#include "tests/support/peer.h"

namespace driftless::controller {
namespace {

// An event as EventBridge delivers a CloudTrail record to an SQS target.
std::string envelope(const std::string& source, const std::string& eventSource,
                     const std::string& eventName, const std::string& requestParameters,
                     const std::string& userAgent = "aws-cli/2.15.0 Python/3.11",
                     const std::string& extra = "") {
  return R"({"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718",)"
         R"("detail-type":"AWS API Call via CloudTrail","source":")" +
         source +
         R"(","account":"111111111111","time":"2026-11-28T10:00:01Z",)"
         R"("region":"eu-west-1","resources":[],"detail":{"eventVersion":"1.09",)"
         R"("userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/alice"},)"
         R"("eventTime":"2026-11-28T10:00:00Z","eventSource":")" +
         eventSource + R"(","eventName":")" + eventName +
         R"(","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","userAgent":")" + userAgent +
         R"(","requestParameters":)" + requestParameters + extra +
         R"(,"responseElements":null,"eventType":"AwsApiCall","managementEvent":true}})";
}

state::EnvironmentState managed() {
  state::EnvironmentState st;
  state::AppliedResource q;
  q.type = "AWS::SQS::Queue";
  q.physicalId = "https://sqs.eu-west-1.amazonaws.com/111111111111/orders-dev";
  q.attributes["Arn"] = "arn:aws:sqs:eu-west-1:111111111111:orders-dev";
  q.attributes["QueueUrl"] = q.physicalId;
  st.stacks["orders"].resources["Queue"] = q;
  state::AppliedResource b;
  b.type = "AWS::S3::Bucket";
  b.physicalId = "acme-data-dev";
  b.attributes["Arn"] = "arn:aws:s3:::acme-data-dev";
  st.stacks["data"].resources["Bucket"] = b;
  state::AppliedResource f;
  f.type = "AWS::Lambda::Function";
  f.physicalId = "resize";
  f.attributes["Arn"] = "arn:aws:lambda:eu-west-1:111111111111:function:resize";
  st.stacks["app"].resources["Resize"] = f;
  state::AppliedResource lg;
  lg.type = "AWS::Logs::LogGroup";
  lg.physicalId = "/app/resize";
  lg.attributes["Arn"] = "arn:aws:logs:eu-west-1:111111111111:log-group:/app/resize:*";
  st.stacks["app"].resources["Logs"] = lg;
  return st;
}

Classified classifyBody(const std::string& body, ClassifyOptions options = {}) {
  ResourceIndex index;
  index.rebuild("dev", managed());
  auto e = parseChangeEvent(body);
  EXPECT_TRUE(e) << e.error().message;
  if (!e) return {};
  return classify(*e, builtinRegistry(), index, options);
}

TEST(ChangeEvents, ParsesWhoChangedWhat) {
  auto e = parseChangeEvent(
      envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes", R"({"queueUrl":"x"})"));
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->eventName, "SetQueueAttributes");
  EXPECT_EQ(e->principal, "arn:aws:iam::111111111111:user/alice");
  EXPECT_EQ(e->eventTime, "2026-11-28T10:00:00Z");
  EXPECT_FALSE(e->readOnly);
  Value cause = e->cause();
  EXPECT_EQ(cause.find("principal")->asString(), "arn:aws:iam::111111111111:user/alice");
  EXPECT_EQ(cause.find("sourceIPAddress")->asString(), "203.0.113.7");
  EXPECT_EQ(cause.find("userAgent")->asString(), "aws-cli/2.15.0 Python/3.11");
}

TEST(ChangeEvents, MalformedBodiesAreOneLineErrorsWithoutTheBody) {
  struct Case {
    const char* body;
    const char* message;
  } cases[] = {
      {"not json", "change event: not JSON"},
      {"[1,2]", "change event: not a JSON object"},
      {R"({"source":"aws.sqs"})", "change event: no \"detail\" object (not an EventBridge event)"},
      {R"({"detail":{"eventName":"X"}})",
       "change event: detail has no eventSource/eventName (not a CloudTrail record)"},
  };
  for (const auto& c : cases) {
    auto e = parseChangeEvent(c.body);
    ASSERT_FALSE(e) << c.body;
    EXPECT_TRUE(e.error().message.starts_with(c.message)) << e.error().message;
    EXPECT_EQ(e.error().message.find('\n'), std::string::npos);
  }
}

TEST(ChangeEvents, AWriteMapsToTheManagedResourceWhateverTheEndpointHost) {
  // moto's queue URLs carry its own host: the path names the queue.
  auto c = classifyBody(envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                                 R"({"queueUrl":"http://127.0.0.1:4566/111111111111/orders-dev",)"
                                 R"("attributes":{"VisibilityTimeout":"99"}})"));
  ASSERT_EQ(c.verdict, EventVerdict::Matched);
  ASSERT_EQ(c.targets.size(), 1u);
  EXPECT_EQ(c.targets[0].environment, "dev");
  EXPECT_EQ(c.targets[0].id.str(), "orders/Queue");
}

TEST(ChangeEvents, EachTypeFindsItsIdentityWhereItsServicePutsIt) {
  struct Case {
    const char* why;
    std::string body;
    const char* target;
  } cases[] = {
      {"S3 names the bucket",
       envelope("aws.s3", "s3.amazonaws.com", "PutBucketVersioning",
                R"({"bucketName":"acme-data-dev","VersioningConfiguration":{}})"),
       "data/Bucket"},
      {"Lambda's dated event names",
       envelope("aws.lambda", "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
                R"({"functionName":"resize","timeout":60})"),
       "app/Resize"},
      {"Lambda tags name the ARN",
       envelope("aws.lambda", "lambda.amazonaws.com", "TagResource20170331v2",
                R"({"resource":"arn:aws:lambda:eu-west-1:111111111111:function:resize"})"),
       "app/Resize"},
      {"a log group ARN with and without :*",
       envelope("aws.logs", "logs.amazonaws.com", "TagResource",
                R"({"resourceArn":"arn:aws:logs:eu-west-1:111111111111:log-group:/app/resize"})"),
       "app/Logs"},
  };
  for (const auto& c : cases) {
    auto r = classifyBody(c.body);
    ASSERT_EQ(r.verdict, EventVerdict::Matched) << c.why;
    ASSERT_EQ(r.targets.size(), 1u) << c.why;
    EXPECT_EQ(r.targets[0].id.str(), c.target) << c.why;
  }
}

TEST(ChangeEvents, ReadsOwnWritesAndUnmanagedResourcesAreDropped) {
  EXPECT_EQ(classifyBody(envelope("aws.sqs", "sqs.amazonaws.com", "GetQueueAttributes",
                                  R"({"queueUrl":"https://x/111111111111/orders-dev"})"))
                .verdict,
            EventVerdict::ReadOnly);
  EXPECT_EQ(classifyBody(envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                                  R"({"queueUrl":"https://x/111111111111/orders-dev"})",
                                  "aws-cli/2", R"(,"readOnly":true)"))
                .verdict,
            EventVerdict::ReadOnly)
      << "the record's own readOnly flag wins";
  EXPECT_EQ(classifyBody(envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                                  R"({"queueUrl":"https://x/111111111111/orders-dev"})",
                                  aws::userAgent()))
                .verdict,
            EventVerdict::Own);
  EXPECT_EQ(classifyBody(envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                                  R"({"queueUrl":"https://x/111111111111/someone-elses"})"))
                .verdict,
            EventVerdict::Unmanaged);
  EXPECT_EQ(classifyBody(envelope("aws.ec2", "ec2.amazonaws.com", "CreateVpc", "{}")).verdict,
            EventVerdict::Unmanaged);
  // The principal alone, only when asked.
  std::string byAlice = envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                                 R"({"queueUrl":"https://x/111111111111/orders-dev"})");
  ClassifyOptions own{.ownPrincipals = {"arn:aws:iam::111111111111:user/alice"}};
  EXPECT_EQ(classifyBody(byAlice, own).verdict, EventVerdict::Matched);
  own.ignoreOwnPrincipal = true;
  EXPECT_EQ(classifyBody(byAlice, own).verdict, EventVerdict::Own);
}

TEST(ChangeEvents, TheIndexFollowsStateAndEnvironments) {
  ResourceIndex index;
  index.rebuild("dev", managed());
  index.rebuild("prod", managed());
  EXPECT_EQ(index.find("AWS::S3::Bucket", "acme-data-dev").size(), 2u);
  EXPECT_TRUE(index.find("AWS::SQS::Queue", "acme-data-dev").empty()) << "types do not mix";
  state::EnvironmentState smaller = managed();
  smaller.stacks.erase("data");
  index.rebuild("dev", smaller);
  auto left = index.find("AWS::S3::Bucket", "acme-data-dev");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].environment, "prod");
  index.remove("prod");
  EXPECT_TRUE(index.find("AWS::S3::Bucket", "arn:aws:s3:::acme-data-dev").empty());
}

TEST(ChangeEvents, ADisabledIndexKeepsNothing) {
  // A daemon without `events:`: no event reads the index, so it holds no entry.
  ResourceIndex index;
  index.rebuild("dev", managed());
  ASSERT_GT(index.size(), 0u);
  index.disable();
  EXPECT_EQ(index.size(), 0u);
  index.rebuild("dev", managed());
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.find("AWS::S3::Bucket", "acme-data-dev").empty());
}

// The wiring types: policies, permissions and sub-resources whose identity is
// made of several request parameters (see ChangeEventRule::identityPaths).
state::EnvironmentState wiring() {
  state::EnvironmentState st = managed();
  auto add = [&](const char* logicalId, const char* type, std::string physicalId,
                 std::vector<std::pair<const char*, std::string>> attributes = {}) {
    state::AppliedResource r;
    r.type = type;
    r.physicalId = std::move(physicalId);
    for (auto& [k, v] : attributes)
      r.attributes[k] = v;
    st.stacks["wiring"].resources[logicalId] = r;
  };
  const std::string fn = "arn:aws:lambda:eu-west-1:111111111111:function:resize";
  add("Invoke", "AWS::Lambda::Permission", "resize|wiring-Invoke", {{"Id", "wiring-Invoke"}});
  add("Mapping", "AWS::Lambda::EventSourceMapping", "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
      {{"Id", "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE"},
       {"EventSourceMappingArn",
        "arn:aws:lambda:eu-west-1:111111111111:event-source-mapping:"
        "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE"}});
  add("V3", "AWS::Lambda::Version", fn + ":3", {{"FunctionArn", fn + ":3"}, {"Version", "3"}});
  add("Live", "AWS::Lambda::Alias", fn + ":live", {{"AliasArn", fn + ":live"}});
  const std::string layer = "arn:aws:lambda:eu-west-1:111111111111:layer:deps:2";
  add("Deps", "AWS::Lambda::LayerVersion", layer + "|acme-artifacts|deps.zip|",
      {{"LayerVersionArn", layer}});
  add("Inline", "AWS::IAM::Policy", "role/app-role/read-orders|user/ci/read-orders",
      {{"Id", "role/app-role/read-orders|user/ci/read-orders"}});
  add("RoleInline", "AWS::IAM::RolePolicy", "role/app-role/write-orders",
      {{"Id", "role/app-role/write-orders"}});
  add("Profile", "AWS::IAM::InstanceProfile", "app-profile",
      {{"Arn", "arn:aws:iam::111111111111:instance-profile/app-profile"}});
  const std::string q = "https://sqs.eu-west-1.amazonaws.com/111111111111/";
  add("QueuePolicy", "AWS::SQS::QueuePolicy", q + "orders-dev|" + q + "dlq-dev",
      {{"Id", q + "orders-dev|" + q + "dlq-dev"}});
  const std::string topic = "arn:aws:sns:eu-west-1:111111111111:alerts-dev";
  add("TopicPolicy", "AWS::SNS::TopicPolicy", topic, {{"Id", topic}});
  add("Events", "AWS::Glue::Table", "lake|events", {{"Name", "events"}});
  add("Compact", "AWS::Glue::Job", "compact",
      {{"Arn", "arn:aws:glue:eu-west-1:111111111111:job/compact"}});
  add("RawCrawler", "AWS::Glue::Crawler", "raw",
      {{"Arn", "arn:aws:glue:eu-west-1:111111111111:crawler/raw"}});
  return st;
}

std::set<std::string> targetsOf(const std::string& body) {
  ResourceIndex index;
  index.rebuild("dev", wiring());
  auto e = parseChangeEvent(body);
  EXPECT_TRUE(e) << e.error().message;
  std::set<std::string> out;
  if (!e) return out;
  for (const auto& t : classify(*e, builtinRegistry(), index, {}).targets)
    out.insert(t.id.str());
  return out;
}

// Request parameters as CloudTrail records them (the AWS docs' examples of each
// service's CloudTrail entries), for the resource each event changes.
TEST(ChangeEvents, WiringTypesAreFoundFromTheirRequestParameters) {
  struct Case {
    const char* why;
    std::string body;
    std::set<std::string> expected;  // exactly these
  } cases[] = {
      {"a permission by its statement id",
       envelope("aws.lambda", "lambda.amazonaws.com", "RemovePermission20150331v2",
                R"({"functionName":"resize","statementId":"wiring-Invoke"})"),
       {"wiring/Invoke"}},
      {"an event source mapping by CloudTrail's uUID",
       envelope("aws.lambda", "lambda.amazonaws.com", "UpdateEventSourceMapping20150331",
                R"({"uUID":"a1b2c3d4-5678-90ab-cdef-11111EXAMPLE","batchSize":10,)"
                R"("enabled":false})"),
       {"wiring/Mapping"}},
      {"a mapping's tags by its ARN",
       envelope("aws.lambda", "lambda.amazonaws.com", "TagResource20170331v2",
                R"({"resource":"arn:aws:lambda:eu-west-1:111111111111:event-source-mapping:)"
                R"(a1b2c3d4-5678-90ab-cdef-11111EXAMPLE","tags":{"team":"x"}})"),
       {"wiring/Mapping"}},
      {"a version deleted by its ARN",
       envelope("aws.lambda", "lambda.amazonaws.com", "DeleteFunction20150331",
                R"({"functionName":"arn:aws:lambda:eu-west-1:111111111111:function:resize:3"})"),
       {"wiring/V3"}},
      {"a version deleted by function and qualifier (the function is observed too)",
       envelope("aws.lambda", "lambda.amazonaws.com", "DeleteFunction20150331",
                R"({"functionName":"resize","qualifier":"3"})"),
       {"app/Resize", "wiring/V3", "wiring/Invoke", "wiring/Live"}},
      {"an alias by function and name",
       envelope("aws.lambda", "lambda.amazonaws.com", "UpdateAlias20150331",
                R"({"functionName":"resize","name":"live","functionVersion":"2"})"),
       {"wiring/Live"}},
      {"a layer version by name and number (a JSON number)",
       envelope("aws.lambda", "lambda.amazonaws.com", "DeleteLayerVersion20181031",
                R"({"layerName":"deps","versionNumber":2})"),
       {"wiring/Deps"}},
      {"an inline policy on a role: the Policy and the RolePolicy types",
       envelope("aws.iam", "iam.amazonaws.com", "PutRolePolicy",
                R"({"roleName":"app-role","policyName":"read-orders",)"
                R"("policyDocument":"{\"Version\":\"2012-10-17\"}"})"),
       {"wiring/Inline"}},
      {"the same policy on a user",
       envelope("aws.iam", "iam.amazonaws.com", "DeleteUserPolicy",
                R"({"userName":"ci","policyName":"read-orders"})"),
       {"wiring/Inline"}},
      {"a role policy",
       envelope("aws.iam", "iam.amazonaws.com", "DeleteRolePolicy",
                R"({"roleName":"app-role","policyName":"write-orders"})"),
       {"wiring/RoleInline"}},
      {"an instance profile's roles",
       envelope("aws.iam", "iam.amazonaws.com", "RemoveRoleFromInstanceProfile",
                R"({"instanceProfileName":"app-profile","roleName":"app-role"})"),
       {"wiring/Profile"}},
      {"a queue policy on the second of its queues",
       envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                R"({"queueUrl":"https://sqs.eu-west-1.amazonaws.com/111111111111/dlq-dev",)"
                R"("attributes":{"Policy":"{}"}})"),
       {"wiring/QueuePolicy"}},
      {"a queue policy and its queue",
       envelope("aws.sqs", "sqs.amazonaws.com", "SetQueueAttributes",
                R"({"queueUrl":"https://sqs.eu-west-1.amazonaws.com/111111111111/orders-dev",)"
                R"("attributes":{"Policy":"{}"}})"),
       {"orders/Queue", "wiring/QueuePolicy"}},
      {"a topic policy",
       envelope("aws.sns", "sns.amazonaws.com", "SetTopicAttributes",
                R"({"topicArn":"arn:aws:sns:eu-west-1:111111111111:alerts-dev",)"
                R"("attributeName":"Policy","attributeValue":"{}"})"),
       {"wiring/TopicPolicy"}},
      {"a Glue table by its database and the name in its input",
       envelope("aws.glue", "glue.amazonaws.com", "UpdateTable",
                R"({"databaseName":"lake","tableInput":{"name":"events"}})"),
       {"wiring/Events"}},
      {"a Glue table deleted by database and name",
       envelope("aws.glue", "glue.amazonaws.com", "DeleteTable",
                R"({"databaseName":"lake","name":"events"})"),
       {"wiring/Events"}},
      {"a Glue job's tags by its ARN (the crawler's rule finds no crawler of that ARN)",
       envelope("aws.glue", "glue.amazonaws.com", "UntagResource",
                R"({"resourceArn":"arn:aws:glue:eu-west-1:111111111111:job/compact",)"
                R"("tagsToRemove":["team"]})"),
       {"wiring/Compact"}},
      {"a Glue crawler by its name",
       envelope("aws.glue", "glue.amazonaws.com", "UpdateCrawler", R"({"name":"raw"})"),
       {"wiring/RawCrawler"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(targetsOf(c.body), c.expected) << c.why;
  // Another role's policy of the same name, another function's statement: not ours.
  EXPECT_TRUE(targetsOf(envelope("aws.iam", "iam.amazonaws.com", "PutRolePolicy",
                                 R"({"roleName":"other-role","policyName":"read-orders"})"))
                  .empty());
  EXPECT_TRUE(targetsOf(envelope("aws.lambda", "lambda.amazonaws.com", "DeleteLayerVersion20181031",
                                 R"({"layerName":"deps","versionNumber":3})"))
                  .empty());
}

// deploy/events/events.yaml's EventBridge rule lets through the events of
// every service a managed type declares change events for (EventBridge's
// source is "aws." and the eventSource's service, CloudWatch's is aws.cloudwatch).
TEST(ChangeEvents, TheShippedRuleMatchesEveryDeclaredEventSource) {
  std::ifstream in(testing::sourceDir() / "deploy/events/events.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string yaml = text.str();
  auto line = yaml.find("source: [");
  ASSERT_NE(line, std::string::npos) << yaml;
  std::string sources = yaml.substr(line, yaml.find(']', line) - line) + ",";
  std::erase_if(sources, [](char c) { return c == ' ' || c == '\n'; });
  const Registry& registry = builtinRegistry();
  for (const auto& type : registry.types())
    for (const auto& rule : registry.info(type)->changeEvents) {
      std::string service = rule.eventSource.substr(0, rule.eventSource.find('.'));
      if (service == "monitoring") service = "cloudwatch";
      EXPECT_NE(sources.find("aws." + service + ","), std::string::npos)
          << type << ": " << rule.eventSource << " not in " << sources;
    }
}

}  // namespace
}  // namespace driftless::controller
