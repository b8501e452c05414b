#include "providers/kms/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::kms {

Inventory keyInventory() {
  // AWS managed keys (KeyManager AWS) are AWS's: told apart with DescribeKey.
  return Inventory{
      .arnMatch = "kms:key/",
      .calls = {common::jsonList("ListKeys", "Keys", "KeyArn", "Marker", "NextMarker")},
      .check = {.operation = "DescribeKey",
                .param = "KeyId",
                .from = "{value}",
                .path = "KeyMetadata.KeyManager",
                .skipValues = {"AWS"}}};
}

Inventory aliasInventory() {
  // alias/aws/* name AWS managed keys.
  return Inventory{
      .arnMatch = "kms:alias/",
      .calls = {common::jsonList("ListAliases", "Aliases", "AliasArn", "Marker", "NextMarker")},
      .skipContaining = {":alias/aws/"}};
}

}  // namespace driftless::kms
