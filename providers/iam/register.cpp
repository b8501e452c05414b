#include "providers/iam/register.h"

#include "providers/common/service.h"
#include "providers/iam/inline_policy.h"
#include "providers/iam/inline_policy_schema.h"
#include "providers/iam/instance_profile.h"
#include "providers/iam/instance_profile_schema.h"
#include "providers/iam/inventory.h"
#include "providers/iam/managed_policy.h"
#include "providers/iam/role.h"
#include "providers/iam/schema.h"

namespace driftless::iam {

void registerTypes(Registry& r) {
  // LimitExceeded is an account quota (too many roles): the user's to fix.
  common::add(
      r,
      {common::Type(instanceProfileTypeInfo(), instanceProfileInventory(),
                    makeInstanceProfileProvider,
                    {{{"AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile",
                       "DeleteInstanceProfile", "TagInstanceProfile", "UntagInstanceProfile"},
                      {"requestParameters.instanceProfileName"}}}),
       common::Type(
           roleTypeInfo(), roleInventory(), makeRoleProvider,
           {{{"UpdateRole", "UpdateRoleDescription", "UpdateAssumeRolePolicy", "PutRolePolicy",
              "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "TagRole", "UntagRole",
              "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary", "DeleteRole"},
             {"requestParameters.roleName"}}}),
       common::Type(
           managedPolicyTypeInfo(), managedPolicyInventory(), makeManagedPolicyProvider,
           {{{"CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy",
              "UntagPolicy", "DeletePolicy", "AttachRolePolicy", "DetachRolePolicy",
              "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"},
             {"requestParameters.policyArn"}}}),
       // An inline policy's id is its parents' keys ("role/<role>/<policy>", '|'-joined).
       common::Type(policyTypeInfo(), policyInventory(), makePolicyProvider,
                    {{{"PutRolePolicy", "DeleteRolePolicy"},
                      {"role/{requestParameters.roleName}/{requestParameters.policyName}"}},
                     {{"PutUserPolicy", "DeleteUserPolicy"},
                      {"user/{requestParameters.userName}/{requestParameters.policyName}"}},
                     {{"PutGroupPolicy", "DeleteGroupPolicy"},
                      {"group/{requestParameters.groupName}/{requestParameters.policyName}"}}}),
       common::Type(rolePolicyTypeInfo(), rolePolicyInventory(), makeRolePolicyProvider,
                    {{{"PutRolePolicy", "DeleteRolePolicy"},
                      {"role/{requestParameters.roleName}/{requestParameters.policyName}"}}})},
      {.name = "iam",
       .errors = {.notFound = {"NoSuchEntity"}, .conflict = {"EntityAlreadyExists"}}});
}

}  // namespace driftless::iam
