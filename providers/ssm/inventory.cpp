#include "providers/ssm/inventory.h"

namespace driftless::ssm {

using P = InventoryCall::Protocol;

Inventory parameterInventory() {
  return Inventory{.arnMatch = "ssm:parameter",
                   .calls = {{.protocol = P::Json,
                              .operation = "DescribeParameters",
                              .items = "Parameters",
                              .field = "Name",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .arn = "arn:{partition}:ssm:{region}:{account}:parameter/{path}"};
}

}  // namespace driftless::ssm
