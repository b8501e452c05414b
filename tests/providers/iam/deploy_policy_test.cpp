// deploy/iam-policy.json is the controller's least-privilege policy: it must
// allow every action a provider declares (TypeInfo::iamActions) and the state
// store calls, and nothing else.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

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
// call there fails this test until the policy allows it) as IAM actions.
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
    EXPECT_NE(found, toAction.end()) << "state store calls " << (*it)[1].str()
                                     << ": map it to its IAM action here and in the policy";
    if (found != toAction.end()) out.insert(found->second);
  }
  EXPECT_FALSE(out.empty()) << "no S3 operations found in state/s3_store.cpp";
  return out;
}

// The AWS calls the controller itself makes (read from its sources, so a new call
// fails this test until the policy allows it), as IAM actions: the change-event
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
          << file << " calls " << call << ": map it to its IAM action here and in the policy";
      if (found != toAction.end()) out.insert(found->second);
    }
  }
  EXPECT_EQ(out.size(), toAction.size()) << "a controller call was not found in its source";
  return out;
}

std::set<std::string> policyActions(const Value& policy) {
  std::set<std::string> out;
  const Value* statements = policy.find("Statement");
  EXPECT_TRUE(statements && statements->isArray());
  if (!statements || !statements->isArray()) return out;
  for (const auto& s : statements->asArray()) {
    EXPECT_EQ(s.find("Effect")->scalarText(), "Allow");
    const Value* a = s.find("Action");
    EXPECT_NE(a, nullptr);
    if (!a) continue;
    for (const auto& v : a->isArray() ? a->asArray() : Value::Array{*a}) {
      EXPECT_EQ(v.scalarText().find('*'), std::string::npos)
          << "wildcard action " << v.scalarText();
      out.insert(v.scalarText());
    }
  }
  return out;
}

TEST(DeployIamPolicy, AllowsExactlyWhatProvidersAndTheStateStoreCall) {
  auto text = readFile(testing::sourceDir() / "deploy/iam-policy.json");
  auto policy = Value::fromJson(text);
  ASSERT_TRUE(policy.has_value()) << "deploy/iam-policy.json is not JSON";
  EXPECT_EQ(policy->find("Version")->scalarText(), "2012-10-17");
  std::set<std::string> allowed = policyActions(*policy);

  std::set<std::string> declared = stateStoreActions();
  declared.merge(controllerActions());
  std::set<std::string> undeclaredServices;  // types that do not declare their actions yet
  const Registry& registry = builtinRegistry();
  for (const auto& type : registry.types()) {
    const TypeInfo* info = registry.info(type);
    if (info->iamActions.empty()) {
      undeclaredServices.insert(info->service);
      continue;
    }
    for (const auto& a : info->iamActions) {
      EXPECT_TRUE(allowed.contains(a))
          << type << " calls " << a << " but the policy does not allow it";
      declared.insert(a);
    }
  }
  for (const auto& a : allowed) {
    std::string service = a.substr(0, a.find(':'));
    if (undeclaredServices.contains(service)) continue;
    EXPECT_TRUE(declared.contains(a)) << "the policy allows " << a << ", which nothing declares";
  }
  // The identity-and-compute types always declare theirs.
  for (const char* type : {"AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::Lambda::Function",
                           "AWS::Logs::LogGroup", "AWS::SSM::Parameter"})
    EXPECT_FALSE(registry.info(type)->iamActions.empty()) << type;
}

}  // namespace
}  // namespace driftless
