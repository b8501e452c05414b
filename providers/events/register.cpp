#include "providers/events/register.h"

#include "providers/events/change_events.h"
#include "providers/events/event_bus.h"
#include "providers/events/rule.h"
#include "providers/events/schema.h"

namespace driftless::events {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(eventBusTypeInfo(), eventBusChangeEvents()), makeEventBusProvider);
  r.add(withChangeEvents(ruleTypeInfo(), ruleChangeEvents()), makeRuleProvider);
}

}  // namespace driftless::events
