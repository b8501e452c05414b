#include "providers/iam/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::iam {

namespace {

// IAM's list calls page with IsTruncated/Marker and name each entity's Arn.
InventoryCall list(std::string operation, std::string items,
                   std::vector<std::pair<std::string, std::string>> params = {}) {
  return {.protocol = InventoryCall::Protocol::Query,
          .operation = std::move(operation),
          .params = std::move(params),
          .items = std::move(items),
          .field = "Arn",
          .tokenIn = "Marker"};
}

// IAM's list calls return no tags: an entity's own tag call tells another
// controller's (a driftless:controller tag) from an untagged one.
InventoryCheck tagCheck(std::string operation, std::string param, std::string from) {
  return {.operation = std::move(operation),
          .param = std::move(param),
          .from = std::move(from),
          .path = "Tags.member.Key",
          .skipValues = {"driftless:controller"}};
}

}  // namespace

Inventory roleInventory() {
  // IAM is global and outside the Tagging API: a role's tags are read per role
  // (only for roles no state knows). Service-linked and SSO-reserved roles are AWS's.
  return Inventory{.arnMatch = "iam:role/",
                   .calls = {list("ListRoles", "Roles.member")},
                   .skipContaining = {":role/aws-service-role/", ":role/aws-reserved/"},
                   .check = tagCheck("ListRoleTags", "RoleName", "{last}")};
}

Inventory managedPolicyInventory() {
  // Scope=Local: the account's own policies, not the AWS managed ones.
  return Inventory{.arnMatch = "iam:policy/",
                   .calls = {list("ListPolicies", "Policies.member", {{"Scope", "Local"}})},
                   .check = tagCheck("ListPolicyTags", "PolicyArn", "{value}")};
}

Inventory instanceProfileInventory() {
  return Inventory{.arnMatch = "iam:instance-profile/",
                   .calls = {list("ListInstanceProfiles", "InstanceProfiles.member")},
                   .check = tagCheck("ListInstanceProfileTags", "InstanceProfileName", "{last}")};
}

Inventory policyInventory() {
  return common::notListed(
      "an inline policy embedded in its roles, users and groups, not a resource: it is seen with "
      "them");
}

Inventory rolePolicyInventory() {
  return common::notListed(
      "an inline policy embedded in its role, not a resource: it is seen with its role");
}

}  // namespace driftless::iam
