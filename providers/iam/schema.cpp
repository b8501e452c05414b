#include "providers/common/schema.h"
#include <cctype>
#include <string>
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/validate.h"
#include "providers/iam/schema.h"

namespace driftless::iam {

using P = PropertySpec;

bool validIamName(std::string_view name, std::size_t max) {
  if (name.empty() || name.size() > max) return false;
  for (unsigned char c : name) {
    if (std::isalnum(c)) continue;
    if (std::string_view("_+=,.@-").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  }
  return true;
}

bool validIamPath(std::string_view path) {
  if (path.empty() || path.size() > 512 || path.front() != '/' || path.back() != '/') return false;
  for (unsigned char c : path)
    if (c < 0x21 || c > 0x7E) return false;
  return true;
}

static std::vector<std::string> validateRole(const Properties& p) {
  std::vector<std::string> problems;
  if (const Value* n = p.find("RoleName"); n && n->isString() && !validIamName(n->asString(), 64))
    problems.push_back("RoleName: must be 1-64 characters of letters, digits and _+=,.@-");
  if (const Value* path = p.find("Path");
      path && path->isString() && !validIamPath(path->asString()))
    problems.push_back("Path: must be \"/\" or start and end with \"/\" (at most 512 characters)");
  common::checkIntegerRange(p, "MaxSessionDuration", 3600, 43200, " seconds", problems);
  if (const Value* d = p.find("Description"); d && d->isString() && d->asString().size() > 1000)
    problems.push_back("Description: at most 1000 characters");
  if (const Value* pols = p.find("Policies"); pols && pols->isArray()) {
    std::vector<std::string> seen;
    for (const auto& pol : pols->asArray()) {
      const Value* name = pol.find("PolicyName");
      if (!name || !name->isString()) continue;
      if (!validIamName(name->asString(), 128))
        problems.push_back("Policies: PolicyName \"" + name->asString() +
                           "\" must be 1-128 characters of letters, digits and _+=,.@-");
      for (const auto& s : seen)
        if (s == name->asString())
          problems.push_back("Policies: PolicyName \"" + s + "\" appears twice");
      seen.push_back(name->asString());
    }
  }
  if (const Value* arns = p.find("ManagedPolicyArns"); arns && arns->isArray()) {
    for (const auto& a : arns->asArray())
      if (a.isString() && !a.asString().starts_with("arn:"))
        problems.push_back("ManagedPolicyArns: \"" + a.asString() + "\" is not a policy ARN");
  }
  return problems;
}

TypeInfo roleTypeInfo() {
  return common::declared("AWS::IAM::Role", validateRole);
}

static std::vector<std::string> validateManagedPolicy(const Properties& p) {
  std::vector<std::string> problems;
  if (const Value* n = p.find("ManagedPolicyName");
      n && n->isString() && !validIamName(n->asString(), 128))
    problems.push_back(
        "ManagedPolicyName: must be 1-128 characters of letters, digits and _+=,.@-");
  if (const Value* path = p.find("Path");
      path && path->isString() && !validIamPath(path->asString()))
    problems.push_back("Path: must be \"/\" or start and end with \"/\" (at most 512 characters)");
  if (const Value* d = p.find("Description"); d && d->isString() && d->asString().size() > 1000)
    problems.push_back("Description: at most 1000 characters");
  for (const char* list : {"Roles", "Users", "Groups"}) {
    const Value* v = p.find(list);
    if (!v || !v->isArray()) continue;
    for (const auto& e : v->asArray())
      if (e.isString() &&
          !validIamName(e.asString(), std::string_view(list) == "Groups" ? 128 : 64))
        problems.push_back(std::string(list) + ": \"" + e.asString() +
                           "\" is not a valid name (names, not ARNs)");
  }
  return problems;
}

TypeInfo managedPolicyTypeInfo() {
  TypeInfo t = common::declared("AWS::IAM::ManagedPolicy", validateManagedPolicy);
  // A driftless extension: IAM tags a policy (TagPolicy), which CloudFormation's schema
  // does not list.
  t.properties.push_back(PropertySpec::tags());
  return t;
}

}  // namespace driftless::iam
