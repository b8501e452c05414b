#include "providers/cloudwatch/change_events.h"

namespace driftless::cloudwatch {

std::vector<ChangeEventRule> alarmChangeEvents() {
  return {{"monitoring.amazonaws.com",
           {"PutMetricAlarm", "DeleteAlarms", "EnableAlarmActions", "DisableAlarmActions"},
           {"requestParameters.alarmName", "requestParameters.alarmNames"}},
          {"monitoring.amazonaws.com",
           {"TagResource", "UntagResource"},
           {"requestParameters.resourceARN"}}};
}

}  // namespace driftless::cloudwatch
