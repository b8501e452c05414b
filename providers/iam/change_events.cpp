#include "providers/iam/change_events.h"

namespace driftless::iam {

std::vector<ChangeEventRule> roleChangeEvents() {
  return {{"iam.amazonaws.com",
           {"UpdateRole", "UpdateRoleDescription", "UpdateAssumeRolePolicy", "PutRolePolicy",
            "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "TagRole", "UntagRole",
            "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary", "DeleteRole"},
           {"requestParameters.roleName"}}};
}

std::vector<ChangeEventRule> managedPolicyChangeEvents() {
  return {{"iam.amazonaws.com",
           {"CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy",
            "UntagPolicy", "DeletePolicy", "AttachRolePolicy", "DetachRolePolicy",
            "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"},
           {"requestParameters.policyArn"}}};
}

}  // namespace driftless::iam
