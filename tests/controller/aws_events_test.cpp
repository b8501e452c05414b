// CloudTrail-via-EventBridge events: parsing, what is ignored, and the
// mapping from an event to the managed resources it changes (through the
// real registry's per-type rules).
#include "controller/aws_events.h"

#include <gtest/gtest.h>

#include "providers/aws/user_agent.h"
#include "providers/builtin/builtin.h"

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

}  // namespace
}  // namespace driftless::controller
