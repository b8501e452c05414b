#include "providers/cloudwatch/register.h"

#include "providers/cloudwatch/alarm.h"
#include "providers/cloudwatch/change_events.h"
#include "providers/cloudwatch/schema.h"

namespace driftless::cloudwatch {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(alarmTypeInfo(), alarmChangeEvents()), makeAlarmProvider);
}

}  // namespace driftless::cloudwatch
