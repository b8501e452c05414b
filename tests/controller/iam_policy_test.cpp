// `driftless iam-policy` prints the controller's least-privilege policy, made
// from the declarations (controller/iam_policy.h): it must allow every action a
// provider declares (TypeInfo::iamActions) and the state store and the
// controller call, and nothing else. (The integration tests fail when a provider
// makes a call its declaration lacks: tests/support/provider_harness.h.)
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "controller/cli/app.h"
#include "controller/iam_policy.h"
#include "providers/builtin/builtin.h"
#include "tests/support/peer.h"

namespace driftless {
namespace {

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The S3 operations the state store calls (read from its source, so a new
// call there fails this test until controller/iam_policy.cpp allows it) as IAM actions.
std::set<std::string> stateStoreActions() {
  const std::map<std::string, std::string> toAction = {
      {"GetObject", "s3:GetObject"},      {"HeadObject", "s3:GetObject"},
      {"PutObject", "s3:PutObject"},      {"DeleteObject", "s3:DeleteObject"},
      {"ListObjectsV2", "s3:ListBucket"}, {"CopyObject", "s3:PutObject"}};
  std::string src = readFile(testing::sourceDir() / "state/s3_store.cpp");
  std::set<std::string> out;
  std::regex op(R"(operation\s*=\s*"([A-Za-z0-9]+)\")");
  for (auto it = std::sregex_iterator(src.begin(), src.end(), op); it != std::sregex_iterator();
       ++it) {
    auto found = toAction.find((*it)[1].str());
    EXPECT_NE(found, toAction.end())
        << "state store calls " << (*it)[1].str()
        << ": map it to its IAM action here and in controller/iam_policy.cpp";
    if (found != toAction.end()) out.insert(found->second);
  }
  EXPECT_FALSE(out.empty()) << "no S3 operations found in state/s3_store.cpp";
  return out;
}

// The AWS calls the controller itself makes (read from its sources, so a new call
// fails this test until controller/iam_policy.cpp allows it), as IAM actions: the change-event
// consumer's SQS calls (a batch delete is authorised as sqs:DeleteMessage), the
// health gate's CloudWatch alarms, the notifier's SNS publish.
std::set<std::string> controllerActions() {
  const std::map<std::string, std::string> toAction = {
      {"sqs.ReceiveMessage", "sqs:ReceiveMessage"},
      {"sqs.DeleteMessageBatch", "sqs:DeleteMessage"},
      {"monitoring.DescribeAlarms", "cloudwatch:DescribeAlarms"},
      {"sns.Publish", "sns:Publish"},
      {"ssm.GetParameters", "ssm:GetParameters"},
      {"ec2.DescribeAvailabilityZones", "ec2:DescribeAvailabilityZones"},
      {"tagging.GetResources", "tag:GetResources"}};
  std::set<std::string> out;
  for (const char* file :
       {"controller/daemon_events.cpp", "controller/health.cpp", "controller/notifier.cpp",
        "controller/lookups.cpp", "controller/unmanaged.cpp"}) {
    std::string src = readFile(testing::sourceDir() / file);
    std::regex op(R"re((?:json|query)\("([a-z0-9]+)",\s*"([A-Za-z]+)")re");
    for (auto it = std::sregex_iterator(src.begin(), src.end(), op); it != std::sregex_iterator();
         ++it) {
      std::string call = (*it)[1].str() + "." + (*it)[2].str();
      auto found = toAction.find(call);
      EXPECT_NE(found, toAction.end())
          << file << " calls " << call
          << ": map it to its IAM action here and in controller/iam_policy.cpp";
      if (found != toAction.end()) out.insert(found->second);
    }
  }
  EXPECT_EQ(out.size(), toAction.size()) << "a controller call was not found in its source";
  return out;
}

// The actions a policy allows, and the resources each is allowed on.
std::map<std::string, std::set<std::string>> policyActions(const Value& policy) {
  std::map<std::string, std::set<std::string>> out;
  const Value* statements = policy.find("Statement");
  EXPECT_TRUE(statements && statements->isArray());
  if (!statements || !statements->isArray()) return out;
  std::set<std::string> sids;
  for (const auto& s : statements->asArray()) {
    EXPECT_EQ(s.find("Effect")->scalarText(), "Allow");
    EXPECT_TRUE(sids.insert(s.find("Sid")->scalarText()).second)
        << "two statements named " << s.find("Sid")->scalarText();
    const Value* a = s.find("Action");
    const Value* r = s.find("Resource");
    EXPECT_TRUE(a && r);
    if (!a || !r) continue;
    for (const auto& v : a->isArray() ? a->asArray() : Value::Array{*a}) {
      EXPECT_EQ(v.scalarText().find('*'), std::string::npos)
          << "wildcard action " << v.scalarText();
      for (const auto& res : r->isArray() ? r->asArray() : Value::Array{*r})
        out[v.scalarText()].insert(res.scalarText());
    }
  }
  return out;
}

std::optional<Value> generated(const iampolicy::Options& options = {}) {
  auto text = iampolicy::render(iampolicy::statements(builtinRegistry(), options));
  auto policy = Value::fromJson(text);
  EXPECT_TRUE(policy.has_value()) << "not JSON:\n" << text;
  if (!policy) return std::nullopt;
  EXPECT_EQ(policy->find("Version")->scalarText(), "2012-10-17");
  return std::move(*policy);
}

TEST(IamPolicy, AllowsExactlyWhatProvidersTheStateStoreAndTheControllerCall) {
  auto policy = generated();
  ASSERT_TRUE(policy);
  auto allowed = policyActions(*policy);

  std::set<std::string> declared = stateStoreActions();
  declared.merge(controllerActions());
  const Registry& registry = builtinRegistry();
  for (const auto& type : registry.types()) {
    const TypeInfo* info = registry.info(type);
    EXPECT_FALSE(info->iamActions.empty()) << type << " declares no IAM actions";
    for (const auto& a : info->iamActions) {
      EXPECT_TRUE(allowed.contains(a))
          << type << " calls " << a << " but the policy does not allow it";
      declared.insert(a);
    }
  }
  for (const auto& [a, resources] : allowed)
    EXPECT_TRUE(declared.contains(a)) << "the policy allows " << a << ", which nothing declares";
}

TEST(IamPolicy, KeepsNarrowedResourcesAndConditionsPassRole) {
  auto policy = generated();
  ASSERT_TRUE(policy);
  auto allowed = policyActions(*policy);
  EXPECT_EQ(allowed["s3:ListBucket"],
            (std::set<std::string>{"arn:aws:s3:::REPLACE-WITH-STATE-BUCKET", "*"}));
  EXPECT_EQ(allowed["s3:GetObjectVersion"], std::set<std::string>{"arn:aws:s3:::*/*"})
      << "Lambda's code reads stay on objects";
  EXPECT_EQ(allowed["sqs:ReceiveMessage"],
            std::set<std::string>{"arn:aws:sqs:*:*:REPLACE-WITH-EVENTS-QUEUE"});
  EXPECT_EQ(allowed["sns:Publish"],
            std::set<std::string>{"arn:aws:sns:*:*:REPLACE-WITH-NOTIFICATION-TOPIC"});
  // Every iam:PassRole is conditioned on the service the role is passed to,
  // one statement per service whose types pass roles.
  std::set<std::string> passedTo;
  for (const auto& s : policy->find("Statement")->asArray()) {
    if (s.find("Action")->toJson().find("iam:PassRole") == std::string::npos) continue;
    const Value* to = s.findPath("Condition.StringEquals.iam:PassedToService");
    ASSERT_NE(to, nullptr) << s.toJson();
    passedTo.insert(to->scalarText());
  }
  for (const char* service : {"lambda.amazonaws.com", "s3.amazonaws.com", "sns.amazonaws.com",
                              "events.amazonaws.com", "states.amazonaws.com"})
    EXPECT_TRUE(passedTo.contains(service)) << service;
}

struct Outcome {
  int exitCode;
  std::string out;
  std::string err;
};

Outcome iamPolicyCommand(std::vector<std::string> args) {
  args.insert(args.begin(), {"driftless", "iam-policy"});
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(IamPolicyCommand, PrintsTheGeneratedPolicyWithTheGivenNames) {
  auto r = iamPolicyCommand({"--state-bucket", "acme-driftless", "--state-prefix", "prod",
                             "--events-queue", "driftless-events", "--notification-topic",
                             "arn:aws:sns:eu-west-1:111111111111:ops"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err, "");
  auto policy = Value::fromJson(r.out);
  ASSERT_TRUE(policy.has_value()) << r.out;
  EXPECT_EQ(r.out.find("REPLACE-WITH"), std::string::npos) << r.out;
  auto allowed = policyActions(*policy);
  EXPECT_EQ(allowed["s3:PutObject"], std::set<std::string>{"arn:aws:s3:::acme-driftless/prod/*"});
  EXPECT_TRUE(allowed["s3:ListBucket"].contains("arn:aws:s3:::acme-driftless"));
  EXPECT_EQ(allowed["sqs:DeleteMessage"],
            std::set<std::string>{"arn:aws:sqs:*:*:driftless-events"});
  EXPECT_EQ(allowed["sns:Publish"],
            std::set<std::string>{"arn:aws:sns:eu-west-1:111111111111:ops"});
  // The same document the generator makes, so the test above covers the command.
  iampolicy::Options o{
      "acme-driftless", "prod/", "driftless-events", {"arn:aws:sns:eu-west-1:111111111111:ops"}};
  EXPECT_EQ(r.out, iampolicy::render(iampolicy::statements(builtinRegistry(), o)));
}

TEST(IamPolicyCommand, TakesTheNamesFromTheControllerConfig) {
  auto dir = std::filesystem::temp_directory_path() / ("iam-policy-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "c.yaml")
      << "controller:\n  id: p\n  events:\n"
         "    queueUrl: https://sqs.eu-west-1.amazonaws.com/111111111111/drift-events\n"
         "    region: eu-west-1\n"
         "source: { url: https://git.example.com/a.git }\n"
         "environments:\n  dev:\n    branch: env/dev\n    region: eu-west-1\n"
         "state:\n  backend: s3\n  bucket: acme-history\n  region: eu-west-1\n"
         "notifications:\n  - name: ops\n    on: [cycle.failed]\n"
         "    sns: { topicArn: \"arn:aws:sns:eu-west-1:111111111111:ops\", region: eu-west-1 }\n";
  auto r = iamPolicyCommand({"--config", (dir / "c.yaml").string()});
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto policy = Value::fromJson(r.out);
  ASSERT_TRUE(policy.has_value()) << r.out;
  EXPECT_EQ(r.out.find("REPLACE-WITH"), std::string::npos) << r.out;
  auto allowed = policyActions(*policy);
  EXPECT_EQ(allowed["s3:DeleteObject"], std::set<std::string>{"arn:aws:s3:::acme-history/*"});
  EXPECT_EQ(allowed["sqs:ReceiveMessage"], std::set<std::string>{"arn:aws:sqs:*:*:drift-events"});
  EXPECT_EQ(allowed["sns:Publish"],
            std::set<std::string>{"arn:aws:sns:eu-west-1:111111111111:ops"});
}

TEST(IamPolicyCommand, ABadConfigIsOneErrorLine) {
  auto r = iamPolicyCommand({"--config", "/nonexistent/driftless.yaml"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("/nonexistent/driftless.yaml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace driftless
