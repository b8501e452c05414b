#include "providers/iam/inline_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::iam {

using P = PropertySpec;

void checkIamName(const Properties& props, std::string_view property, std::size_t max,
                  std::vector<std::string>& out) {
  auto name = common::stringLike(props.find(property));
  if (name && (name->empty() || name->size() > max || !common::onlyChars(*name, "_+=,.@-")))
    out.push_back(std::string(property) + ": \"" + *name + "\" must be 1 to " +
                  std::to_string(max) + " of letters, digits and _+=,.@-");
}

// PolicyName 1-128 of [A-Za-z0-9_+=,.@-]; at least one of Roles, Users, Groups,
// each a name (not an ARN).
static std::vector<std::string> validatePolicy(const Properties& props) {
  std::vector<std::string> out;
  checkIamName(props, "PolicyName", 128, out);
  common::checkPolicyDocument(props, out);
  std::size_t parents = 0;
  for (const char* list : {"Roles", "Users", "Groups"}) {
    const Value* v = props.find(list);
    if (!v || !v->isArray()) continue;
    parents += v->size();
    for (const auto& e : v->asArray())
      if (e.isString() &&
          (e.asString().starts_with("arn:") || e.asString().find('/') != std::string::npos))
        out.push_back(std::string(list) + ": \"" + e.asString() +
                      "\" must be a name, not an ARN or path (use !Ref of the resource)");
  }
  if (parents == 0 && !props.find("Roles") && !props.find("Users") && !props.find("Groups"))
    out.push_back("Roles: at least one of Roles, Users and Groups is required");
  return out;
}

// PolicyName and RoleName as names; PolicyDocument required (PutRolePolicy needs one).
static std::vector<std::string> validateRolePolicy(const Properties& props) {
  std::vector<std::string> out;
  checkIamName(props, "PolicyName", 128, out);
  checkIamName(props, "RoleName", 64, out);
  common::checkPolicyDocument(props, out);
  if (!props.find("PolicyDocument"))
    out.push_back("PolicyDocument: is required (an inline policy is its document)");
  return out;
}

// Inline policies have no name of their own in AWS's sense and no tags: they are
// identified by the entities they are embedded in and their PolicyName (see
// common/attached_policy.h), and owned through those and the state entry.
TypeInfo policyTypeInfo() {
  return common::declared("AWS::IAM::Policy", validatePolicy);
}

TypeInfo rolePolicyTypeInfo() {
  return common::declared("AWS::IAM::RolePolicy", validateRolePolicy);
}

}  // namespace driftless::iam
