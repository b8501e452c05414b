#include "providers/logs/inventory.h"

namespace driftless::logs {

using P = InventoryCall::Protocol;

Inventory logGroupInventory() {
  return Inventory{.arnMatch = "logs:log-group:",
                   .calls = {{.protocol = P::Json,
                              .operation = "DescribeLogGroups",
                              .items = "logGroups",
                              .field = "arn",
                              .tokenIn = "nextToken",
                              .tokenOut = "nextToken"}}};
}

Inventory metricFilterInventory() {
  return Inventory{
      .notListed =
          "a filter inside a log group, without tags of its own: it is seen with its log group"};
}

Inventory subscriptionFilterInventory() {
  return Inventory{
      .notListed =
          "a filter inside a log group, without tags of its own: it is seen with its log group"};
}

}  // namespace driftless::logs
