#include "providers/kms/inventory.h"

namespace driftless::kms {

using P = InventoryCall::Protocol;

Inventory keyInventory() {
  // AWS managed keys (KeyManager AWS) are AWS's: told apart with DescribeKey.
  return Inventory{.arnMatch = "kms:key/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListKeys",
                              .items = "Keys",
                              .field = "KeyArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}},
                   .check = {.operation = "DescribeKey",
                             .param = "KeyId",
                             .from = "{value}",
                             .path = "KeyMetadata.KeyManager",
                             .skipValues = {"AWS"}}};
}

Inventory aliasInventory() {
  // alias/aws/* name AWS managed keys.
  return Inventory{.arnMatch = "kms:alias/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListAliases",
                              .items = "Aliases",
                              .field = "AliasArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}},
                   .skipContaining = {":alias/aws/"}};
}

}  // namespace driftless::kms
