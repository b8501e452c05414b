#include "providers/logs/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::logs {

Inventory logGroupInventory() {
  return common::listed("logs:log-group:",
                        {common::jsonList("DescribeLogGroups", "logGroups", "arn", "nextToken")});
}

Inventory metricFilterInventory() {
  return common::notListed(
      "a filter inside a log group, without tags of its own: it is seen with its log group");
}

Inventory subscriptionFilterInventory() {
  return common::notListed(
      "a filter inside a log group, without tags of its own: it is seen with its log group");
}

}  // namespace driftless::logs
