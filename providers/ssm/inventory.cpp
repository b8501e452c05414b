#include "providers/ssm/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::ssm {

Inventory parameterInventory() {
  return Inventory{.arnMatch = "ssm:parameter",
                   .calls = {common::jsonList("DescribeParameters", "Parameters", "Name")},
                   .arn = "arn:{partition}:ssm:{region}:{account}:parameter/{path}"};
}

}  // namespace driftless::ssm
