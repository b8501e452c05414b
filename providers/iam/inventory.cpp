#include "providers/iam/inventory.h"

namespace driftless::iam {

using P = InventoryCall::Protocol;

Inventory roleInventory() {
  // IAM is global and outside the Tagging API: a role's tags are read per role
  // (only for roles no state knows). Service-linked and SSO-reserved roles are AWS's.
  return Inventory{.calls = {{.protocol = P::Query,
                              .operation = "ListRoles",
                              .items = "Roles.member",
                              .field = "Arn",
                              .tokenIn = "Marker"}},
                   .skipContaining = {":role/aws-service-role/", ":role/aws-reserved/"},
                   .check = {.operation = "ListRoleTags",
                             .param = "RoleName",
                             .from = "{last}",
                             .path = "Tags.member.Key",
                             .skipValues = {"driftless:controller"}}};
}

Inventory managedPolicyInventory() {
  // Scope=Local: the account's own policies, not the AWS managed ones.
  return Inventory{.calls = {{.protocol = P::Query,
                              .operation = "ListPolicies",
                              .params = {{"Scope", "Local"}},
                              .items = "Policies.member",
                              .field = "Arn",
                              .tokenIn = "Marker"}},
                   .check = {.operation = "ListPolicyTags",
                             .param = "PolicyArn",
                             .from = "{value}",
                             .path = "Tags.member.Key",
                             .skipValues = {"driftless:controller"}}};
}

Inventory instanceProfileInventory() {
  return Inventory{.calls = {{.protocol = P::Query,
                              .operation = "ListInstanceProfiles",
                              .items = "InstanceProfiles.member",
                              .field = "Arn",
                              .tokenIn = "Marker"}},
                   .check = {.operation = "ListInstanceProfileTags",
                             .param = "InstanceProfileName",
                             .from = "{last}",
                             .path = "Tags.member.Key",
                             .skipValues = {"driftless:controller"}}};
}

Inventory policyInventory() {
  return Inventory{.notListed =
                       "an inline policy embedded in its roles, users and groups, not a resource: "
                       "it is seen with them"};
}

Inventory rolePolicyInventory() {
  return Inventory{
      .notListed =
          "an inline policy embedded in its role, not a resource: it is seen with its role"};
}

}  // namespace driftless::iam
