#include "providers/scheduler/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::scheduler {

using P = InventoryCall::Protocol;

Inventory scheduleInventory() {
  return common::listed("scheduler:schedule/",
                        {common::listCall(P::RestJson, "ListSchedules", "/schedules", "Schedules",
                                          "Arn", "NextToken", "NextToken")});
}

}  // namespace driftless::scheduler
