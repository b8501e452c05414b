#include "providers/scheduler/inventory.h"

namespace driftless::scheduler {

using P = InventoryCall::Protocol;

Inventory scheduleInventory() {
  return Inventory{.arnMatch = "scheduler:schedule/",
                   .calls = {{.protocol = P::RestJson,
                              .operation = "ListSchedules",
                              .path = "/schedules",
                              .items = "Schedules",
                              .field = "Arn",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}}};
}

}  // namespace driftless::scheduler
