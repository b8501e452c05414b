#include "providers/ecr/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::ecr {

Inventory repositoryInventory() {
  return common::listed("ecr:repository/", {common::jsonList("DescribeRepositories", "repositories",
                                                             "repositoryArn", "nextToken")});
}

}  // namespace driftless::ecr
