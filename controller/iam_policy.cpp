#include "controller/iam_policy.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace driftless::iampolicy {

namespace {

// The statements no type declares: the state store's and the controller's own
// calls (checked against their sources by tests/controller/iam_policy_test.cpp),
// and the calls of a type narrowed to a resource or kept apart under their own
// name. A type's action one of these allows is not repeated in its service's
// statement. `{bucket}`, `{prefix}`, `{queue}` are the options.
struct Fixed {
  const char* sid;
  std::vector<std::string> actions;
  const char* resource;
};

const std::vector<Fixed>& leadingStatements() {
  static const std::vector<Fixed> v = {
      {"StateStoreObjects",
       {"s3:DeleteObject", "s3:GetObject", "s3:PutObject"},
       "arn:aws:s3:::{bucket}/{prefix}*"},
      {"StateStoreList", {"s3:ListBucket"}, "arn:aws:s3:::{bucket}"},
  };
  return v;
}

const std::vector<Fixed>& trailingStatements() {
  static const std::vector<Fixed> v = {
      // AWS::SSM::Parameter::Value<...> parameters and Fn::GetAZs.
      {"TemplateLookups", {"ec2:DescribeAvailabilityZones", "ssm:GetParameters"}, "*"},
      {"CallerIdentity", {"sts:GetCallerIdentity"}, "*"},
      // AWS::Lambda::Function's Code.S3Bucket: narrow to the artifact buckets.
      {"LambdaCodeFromS3", {"s3:GetObject", "s3:GetObjectVersion"}, "arn:aws:s3:::*/*"},
      {"LambdaVpcChecks",
       {"ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"},
       "*"},
      // observe's bulk tag reads and `driftless unmanaged`.
      {"ResourceGroupsTagging", {"tag:GetResources"}, "*"},
      {"ChangeEventsQueue", {"sqs:DeleteMessage", "sqs:ReceiveMessage"}, "arn:aws:sqs:*:*:{queue}"},
      {"HealthGateAlarms", {"cloudwatch:DescribeAlarms"}, "*"},
      {"NotificationTopics", {"sns:Publish"}, "{topics}"},
  };
  return v;
}

// Statement names kept from the hand-written policy this command replaced (so
// a deployed policy's diff is small); a service not listed gets
// "<Service>Resources" and "PassRolesTo<Service>".
const std::map<std::string, std::pair<std::string, std::string>, std::less<>>& knownNames() {
  static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> v = {
      {"s3", {"S3Buckets", "PassReplicationRolesToS3"}},
      {"sqs", {"SqsQueues", ""}},
      {"sns", {"SnsTopicsAndSubscriptions", "PassFeedbackRolesToSns"}},
      {"dynamodb", {"DynamoDbTables", ""}},
      {"iam", {"IamRolesAndPolicies", ""}},
      {"lambda", {"LambdaFunctions", "PassExecutionRolesToLambda"}},
      {"logs", {"LogGroups", "PassRolesToLogs"}},
      {"ssm", {"SsmParameters", ""}},
      {"events", {"EventBridgeBusesAndRules", "PassRolesToEventBridge"}},
      {"kms", {"KmsKeysAndAliases", ""}},
      {"secretsmanager", {"SecretsManagerSecrets", ""}},
      {"kinesis", {"KinesisStreams", ""}},
      {"cloudwatch", {"CloudWatchAlarms", ""}},
      {"states", {"StepFunctionsStateMachines", "PassRolesToStepFunctions"}},
      {"scheduler", {"SchedulerSchedules", "PassRolesToScheduler"}},
      {"ecr", {"EcrRepositories", ""}},
      {"athena", {"AthenaWorkGroups", ""}},
      {"glue", {"GlueCatalogJobsAndCrawlers", "PassServiceRolesToGlue"}},
      {"ec2", {"Ec2Networking", ""}},
  };
  return v;
}

std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string statementName(const std::string& service) {
  auto it = knownNames().find(service);
  return it != knownNames().end() ? it->second.first : capitalized(service) + "Resources";
}

std::string passRoleName(const std::string& service) {
  auto it = knownNames().find(service);
  if (it != knownNames().end() && !it->second.second.empty()) return it->second.second;
  return "PassRolesTo" + capitalized(service);
}

std::string substituted(std::string text, const Options& o) {
  const std::pair<const char*, const std::string*> vars[] = {
      {"{bucket}", &o.stateBucket}, {"{prefix}", &o.statePrefix}, {"{queue}", &o.eventsQueue}};
  for (const auto& [name, value] : vars)
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at))
      text.replace(at, std::string_view(name).size(), *value);
  return text;
}

Statement fixedStatement(const Fixed& f, const Options& o) {
  Statement s{f.sid, f.actions, {}, ""};
  std::sort(s.actions.begin(), s.actions.end());
  if (std::string_view(f.resource) != "{topics}")
    s.resources.push_back(substituted(f.resource, o));
  else if (o.notificationTopics.empty())
    s.resources.push_back("arn:aws:sns:*:*:REPLACE-WITH-NOTIFICATION-TOPIC");
  else
    s.resources = o.notificationTopics;
  return s;
}

// Every registered type's declared actions by service (the action prefix a
// service's own calls carry is its name).
std::map<std::string, std::set<std::string>> declaredByService(const Registry& registry) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& type : registry.types()) {
    const TypeInfo* info = registry.info(type);
    out[info->service].insert(info->iamActions.begin(), info->iamActions.end());
  }
  return out;
}

}  // namespace

std::vector<Statement> statements(const Registry& registry, const Options& options) {
  std::vector<Statement> out, trailing;
  for (const auto& f : leadingStatements())
    out.push_back(fixedStatement(f, options));
  for (const auto& f : trailingStatements())
    trailing.push_back(fixedStatement(f, options));
  auto allowedByFixed = [&](const std::string& action) {
    for (const auto* list : {&out, &trailing})
      for (const auto& s : *list)
        if (std::find(s.actions.begin(), s.actions.end(), action) != s.actions.end()) return true;
    return false;
  };
  for (const auto& [service, actions] : declaredByService(registry)) {
    Statement own{statementName(service), {}, {"*"}, ""};
    bool passesRoles = false;
    for (const auto& a : actions) {
      if (a == "iam:PassRole" && service != "iam") {
        passesRoles = true;
      } else if (!a.starts_with(service + ":") && allowedByFixed(a)) {
        continue;  // a foreign call kept apart (LambdaCodeFromS3, CallerIdentity, ...)
      } else {
        own.actions.push_back(a);  // std::set: sorted, unique
      }
    }
    if (!own.actions.empty()) out.push_back(std::move(own));
    if (passesRoles)
      out.push_back({passRoleName(service), {"iam:PassRole"}, {"*"}, service + ".amazonaws.com"});
  }
  out.insert(out.end(), trailing.begin(), trailing.end());
  return out;
}

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string stringList(const std::vector<std::string>& items, const std::string& indent) {
  std::string out = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += indent + "  " + quoted(items[i]) + (i + 1 < items.size() ? ",\n" : "\n");
  return out + indent + "]";
}

}  // namespace

std::string render(const std::vector<Statement>& statements) {
  std::string out = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n";
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const Statement& s = statements[i];
    out += "    {\n      \"Sid\": " + quoted(s.sid) + ",\n      \"Effect\": \"Allow\",\n";
    out += "      \"Action\": " + stringList(s.actions, "      ") + ",\n";
    out += "      \"Resource\": " +
           (s.resources.size() == 1 ? quoted(s.resources[0]) : stringList(s.resources, "      "));
    if (!s.passedToService.empty())
      out +=
          ",\n      \"Condition\": {\n        \"StringEquals\": {\n"
          "          \"iam:PassedToService\": " +
          quoted(s.passedToService) + "\n        }\n      }";
    out += "\n    }" + std::string(i + 1 < statements.size() ? ",\n" : "\n");
  }
  return out + "  ]\n}\n";
}

}  // namespace driftless::iampolicy
