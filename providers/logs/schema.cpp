#include "providers/common/schema.h"
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/validate.h"
#include "providers/logs/schema.h"

namespace driftless::logs {

namespace {

constexpr std::array<std::int64_t, 22> kRetentionDays = {
    1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
    365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

constexpr std::string_view kLogGroupNameRule =
    "must be 1-512 characters of letters, digits and ._-/#";

bool validLogGroupName(std::string_view name) {
  if (name.empty() || name.size() > 512) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) &&
        std::string_view("._-/#").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  return true;
}

}  // namespace

bool validRetention(std::int64_t days) {
  return std::find(kRetentionDays.begin(), kRetentionDays.end(), days) != kRetentionDays.end();
}

static std::vector<std::string> validateLogGroup(const Properties& p) {
  std::vector<std::string> problems;
  common::checkName(p, "LogGroupName", validLogGroupName, kLogGroupNameRule, problems);
  if (const Value* f = p.find("FieldIndexPolicies"); f && f->isArray() && f->size() > 1)
    problems.push_back("FieldIndexPolicies: at most one field index policy");
  if (const Value* r = p.find("RetentionInDays")) {
    auto n = common::intLike(r);
    if (!n || !validRetention(*n))
      problems.push_back(
          "RetentionInDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, "
          "365, 400, "
          "545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653");
  }
  if (const Value* k = p.find("KmsKeyId"); k && k->isString() && !k->asString().starts_with("arn:"))
    problems.push_back("KmsKeyId: must be the ARN of a KMS key");
  return problems;
}

TypeInfo logGroupTypeInfo() {
  return common::declared("AWS::Logs::LogGroup", validateLogGroup);
}

namespace {

// The rules every log-group filter's name, group and pattern follow.
std::vector<std::string> filterProblems(const Properties& p) {
  std::vector<std::string> problems;
  if (const Value* n = p.find("FilterName");
      n && n->isString() &&
      (n->asString().empty() || n->asString().size() > 512 ||
       n->asString().find_first_of(":*") != std::string::npos))
    problems.push_back("FilterName: must be 1-512 characters without ':' or '*'");
  common::checkName(p, "LogGroupName", validLogGroupName, kLogGroupNameRule, problems);
  if (const Value* f = p.find("FilterPattern"); f && f->isString() && f->asString().size() > 1024)
    problems.push_back("FilterPattern: at most 1024 characters");
  return problems;
}

}  // namespace

static std::vector<std::string> validateMetricFilter(const Properties& p) {
  std::vector<std::string> problems = filterProblems(p);
  if (const Value* f = p.find("FieldIndexPolicies"); f && f->isArray() && f->size() > 1)
    problems.push_back("FieldIndexPolicies: at most one field index policy");
  if (const Value* m = p.find("MetricTransformations"); m && m->isArray() && m->size() != 1)
    problems.push_back("MetricTransformations: exactly one transformation");
  return problems;
}

TypeInfo metricFilterTypeInfo() {
  return common::declared("AWS::Logs::MetricFilter", validateMetricFilter);
}

TypeInfo subscriptionFilterTypeInfo() {
  return common::declared("AWS::Logs::SubscriptionFilter", filterProblems);
}

}  // namespace driftless::logs
