// Plan rendering against golden files (tests/reconcile/golden/plan.{txt,json}).
// DRIFTLESS_UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reconcile/plan_render.h"
#include "tests/reconcile/plan_fixture.h"
#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

using namespace test;

const char* kManifest =
    "Parameters:\n  Token: {Type: String, NoEcho: true, Default: new-token}\n"
    "Resources:\n"
    "  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: orders-dlq}}\n"
    "  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders\n"
    "      DelaySeconds: 7\n      VisibilityTimeout: 30\n"
    "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}\n"
    "      Tags: [{Key: team, Value: payments}]\n"
    "  Jobs:\n    Type: AWS::SQS::Queue\n    Metadata: {driftless: {allowReplace: true}}\n"
    "    Properties: {QueueName: jobs.fifo, FifoQueue: true}\n"
    "  Table:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: table, FifoQueue: false}\n"
    "  Foreign: {Type: AWS::S3::Bucket, Properties: {BucketName: acme-data}}\n"
    "  Secret:\n    Type: AWS::SSM::Parameter\n"
    "    Properties: {Name: /orders/token, Type: SecureString, Value: !Ref Token}\n"
    "  Missing: {Type: AWS::SNS::Topic, Properties: {TopicName: orders-events}}\n";

Plan goldenPlan() {
  DesiredState desired = desiredFrom(kManifest);
  LiveState live;
  state::EnvironmentState applied;
  auto id = [](const char* l) { return ResourceId{"orders", l}; };
  setLive(live, id("Dlq"), "AWS::SQS::Queue", absent());
  setApplied(
      applied, id("Orders"), "AWS::SQS::Queue", "orders",
      json(
          R"({"QueueName":"orders","DelaySeconds":5,"VisibilityTimeout":30,"RedrivePolicy":{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:111111111111:old-dlq","maxReceiveCount":5},"Tags":[{"Key":"team","Value":"payments"}]})"));
  setLive(
      live, id("Orders"), "AWS::SQS::Queue",
      owned(
          id("Orders"), "orders",
          json(
              R"({"QueueName":"orders","DelaySeconds":"5","VisibilityTimeout":"45","RedrivePolicy":{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:111111111111:old-dlq","maxReceiveCount":5}})")));
  live.resources[id("Orders")].observed->properties["Tags"] =
      ownedTags(id("Orders"), json(R"([{"Key":"team","Value":"payments"}])"));
  setApplied(applied, id("Jobs"), "AWS::SQS::Queue", "jobs.fifo",
             json(R"({"QueueName":"jobs.fifo","FifoQueue":false})"));
  setLive(live, id("Jobs"), "AWS::SQS::Queue",
          owned(id("Jobs"), "jobs.fifo", json(R"({"QueueName":"jobs.fifo","FifoQueue":false})")));
  setApplied(applied, id("Table"), "AWS::SQS::Queue", "table",
             json(R"({"QueueName":"table","FifoQueue":true})"));
  setLive(live, id("Table"), "AWS::SQS::Queue",
          owned(id("Table"), "table", json(R"({"QueueName":"table","FifoQueue":true})")));
  Observed foreign;
  foreign.exists = true;
  foreign.physicalId = "acme-data";
  foreign.properties = json(R"({"BucketName":"acme-data"})");
  setLive(live, id("Foreign"), "AWS::S3::Bucket", foreign);
  Value stored = json(R"({"Name":"/orders/token","Type":"SecureString"})");
  stored["Value"] = Value("hmac-sha256:old");
  setApplied(applied, id("Secret"), "AWS::SSM::Parameter", "/orders/token", stored);
  setLive(live, id("Secret"), "AWS::SSM::Parameter",
          owned(id("Secret"), "/orders/token",
                json(R"({"Name":"/orders/token","Type":"SecureString","Value":"old-token"})")));
  setApplied(applied, id("Missing"), "AWS::SNS::Topic", "orders-events",
             json(R"({"TopicName":"orders-events"})"));
  setLive(live, id("Missing"), "AWS::SNS::Topic", absent());
  setApplied(applied, id("Old"), "AWS::SQS::Queue", "orders-old",
             json(R"({"QueueName":"orders-old"})"));
  setLive(live, id("Old"), "AWS::SQS::Queue",
          owned(id("Old"), "orders-old", json(R"({"QueueName":"orders-old"})")));
  setApplied(applied, id("Archive"), "AWS::S3::Bucket", "acme-archive",
             json(R"({"BucketName":"acme-archive"})"), {}, "Retain");
  setLive(live, id("Archive"), "AWS::S3::Bucket",
          owned(id("Archive"), "acme-archive", json(R"({"BucketName":"acme-archive"})")));
  PlanOptions o = options();
  o.hashSecret = [](const Value& v) { return "hmac-sha256:" + v.scalarText().substr(0, 3); };
  return plan(desired, live, applied, o);
}

std::string readAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void checkGolden(const std::string& name, const std::string& actual) {
  auto path = driftless::testing::sourceDir() / "tests/reconcile/golden" / name;
  if (std::getenv("DRIFTLESS_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  EXPECT_EQ(actual, readAll(path)) << "golden " << name;
}

TEST(Render, TextLooksLikeTerraformPlan) {
  checkGolden("plan.txt", renderText(goldenPlan()));
}

TEST(Render, JsonHasTheDocumentedStableSchema) {
  checkGolden("plan.json", renderJson(goldenPlan()).toPrettyJson() + "\n");
}

TEST(Render, NeverPrintsSecretValues) {
  Plan p = goldenPlan();
  for (const std::string& out : {renderText(p), renderJson(p).toJson()}) {
    EXPECT_EQ(out.find("new-token"), std::string::npos);
    EXPECT_EQ(out.find("old-token"), std::string::npos);
  }
}

TEST(Render, NoChangesSaysSo) {
  Plan p;
  p.environment = "dev";
  p.commit = "abc1234";
  EXPECT_EQ(renderText(p),
            "driftless plan for environment dev at commit abc1234\n\nNo changes. Live resources "
            "match the manifests (0 resources).\n");
}

}  // namespace
}  // namespace driftless::reconcile
