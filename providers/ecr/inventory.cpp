#include "providers/ecr/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::ecr {

Inventory repositoryInventory() {
  return Inventory{.arnMatch = "ecr:repository/",
                   .calls = {common::jsonList("DescribeRepositories", "repositories",
                                              "repositoryArn", "nextToken")}};
}

}  // namespace driftless::ecr
