#include "providers/logs/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::logs {

Inventory logGroupInventory() {
  return Inventory{
      .arnMatch = "logs:log-group:",
      .calls = {common::jsonList("DescribeLogGroups", "logGroups", "arn", "nextToken")}};
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
