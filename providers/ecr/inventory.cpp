#include "providers/ecr/inventory.h"

namespace driftless::ecr {

using P = InventoryCall::Protocol;

Inventory repositoryInventory() {
  return Inventory{.arnMatch = "ecr:repository/",
                   .calls = {{.protocol = P::Json,
                              .operation = "DescribeRepositories",
                              .items = "repositories",
                              .field = "repositoryArn",
                              .tokenIn = "nextToken",
                              .tokenOut = "nextToken"}}};
}

}  // namespace driftless::ecr
