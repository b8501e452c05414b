#include "providers/cloudwatch/register.h"

#include "providers/cloudwatch/alarm.h"
#include "providers/cloudwatch/change_events.h"
#include "providers/cloudwatch/inventory.h"
#include "providers/cloudwatch/schema.h"
#include "providers/common/service.h"

namespace driftless::cloudwatch {

void registerTypes(Registry& r) {
  const common::Service cloudwatchService{
      .name = "cloudwatch",
      .errors = {.notFound = {"ResourceNotFound", "ResourceNotFoundException"}},
  };
  common::add(r, cloudwatchService, common::withInventory(alarmTypeInfo(), alarmInventory()),
              alarmChangeEvents(), makeAlarmProvider);
}

}  // namespace driftless::cloudwatch
