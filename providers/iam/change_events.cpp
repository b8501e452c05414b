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

std::vector<ChangeEventRule> policyChangeEvents() {
  // An inline policy's id is its parents' keys ("role/<role>/<policy>", '|'-joined).
  return {{"iam.amazonaws.com",
           {"PutRolePolicy", "DeleteRolePolicy"},
           {"role/{requestParameters.roleName}/{requestParameters.policyName}"}},
          {"iam.amazonaws.com",
           {"PutUserPolicy", "DeleteUserPolicy"},
           {"user/{requestParameters.userName}/{requestParameters.policyName}"}},
          {"iam.amazonaws.com",
           {"PutGroupPolicy", "DeleteGroupPolicy"},
           {"group/{requestParameters.groupName}/{requestParameters.policyName}"}}};
}

std::vector<ChangeEventRule> rolePolicyChangeEvents() {
  return {{"iam.amazonaws.com",
           {"PutRolePolicy", "DeleteRolePolicy"},
           {"role/{requestParameters.roleName}/{requestParameters.policyName}"}}};
}

std::vector<ChangeEventRule> instanceProfileChangeEvents() {
  return {{"iam.amazonaws.com",
           {"AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile",
            "TagInstanceProfile", "UntagInstanceProfile"},
           {"requestParameters.instanceProfileName"}}};
}

}  // namespace driftless::iam
