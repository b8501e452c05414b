#include "providers/iam/instance_profile_schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"
#include "providers/iam/inline_policy_schema.h"

namespace driftless::iam {

// InstanceProfileName 1-128 of IAM's name characters; Path "/.../"; Roles: one
// role name at most (IAM's limit).
static std::vector<std::string> validateInstanceProfile(const Properties& props) {
  std::vector<std::string> out;
  checkIamName(props, "InstanceProfileName", 128, out);
  if (auto path = common::stringLike(props.find("Path"));
      path && (path->empty() || path->front() != '/' || path->back() != '/' || path->size() > 512))
    out.push_back("Path: \"" + *path + "\" must start and end with / (at most 512 characters)");
  if (const Value* roles = props.find("Roles"); roles && roles->isArray()) {
    if (roles->size() > 1) out.push_back("Roles: an instance profile holds at most one role");
    for (const auto& r : roles->asArray())
      if (r.isString() && r.asString().starts_with("arn:"))
        out.push_back("Roles: \"" + r.asString() + "\" must be a role name, not an ARN");
  }
  return out;
}

TypeInfo instanceProfileTypeInfo() {
  return common::declared("AWS::IAM::InstanceProfile", validateInstanceProfile);
}

}  // namespace driftless::iam
