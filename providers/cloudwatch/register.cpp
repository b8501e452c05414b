#include "providers/cloudwatch/register.h"

#include "providers/cloudwatch/alarm.h"
#include "providers/cloudwatch/inventory.h"
#include "providers/cloudwatch/schema.h"
#include "providers/common/service.h"

namespace driftless::cloudwatch {

void registerTypes(Registry& r) {
  common::add(r,
              {common::Type(
                  alarmTypeInfo(), alarmInventory(), makeAlarmProvider,
                  {{{"PutMetricAlarm", "DeleteAlarms", "EnableAlarmActions", "DisableAlarmActions"},
                    {"requestParameters.alarmName", "requestParameters.alarmNames"}},
                   {{"TagResource", "UntagResource"}, {"requestParameters.resourceARN"}}})},
              {.name = "cloudwatch",
               .errors = {.notFound = {"ResourceNotFound", "ResourceNotFoundException"}},
               .eventSource = "monitoring.amazonaws.com"});
}

}  // namespace driftless::cloudwatch
