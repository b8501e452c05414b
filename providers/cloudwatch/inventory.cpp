#include "providers/cloudwatch/inventory.h"

namespace driftless::cloudwatch {

using P = InventoryCall::Protocol;

Inventory alarmInventory() {
  return Inventory{.arnMatch = "cloudwatch:alarm:",
                   .service = "monitoring",
                   .calls = {{.protocol = P::Query,
                              .operation = "DescribeAlarms",
                              .params = {{"AlarmTypes.member.1", "MetricAlarm"}},
                              .items = "MetricAlarms.member",
                              .field = "AlarmArn",
                              .tokenIn = "NextToken"}}};
}

}  // namespace driftless::cloudwatch
