#include "providers/events/register.h"

#include "providers/common/service.h"
#include "providers/events/change_events.h"
#include "providers/events/event_bus.h"
#include "providers/events/inventory.h"
#include "providers/events/rule.h"
#include "providers/events/schema.h"

namespace driftless::events {

void registerTypes(Registry& r) {
  const common::Service eventsService{
      .name = "events",
      .errors = {.notFound = {"ResourceNotFoundException"},
                 .conflict = {"ResourceAlreadyExistsException", "ConcurrentModificationException"}},
  };
  common::add(r, eventsService, common::withInventory(eventBusTypeInfo(), eventBusInventory()),
              eventBusChangeEvents(), makeEventBusProvider);
  common::add(r, eventsService, common::withInventory(ruleTypeInfo(), ruleInventory()),
              ruleChangeEvents(), makeRuleProvider);
}

}  // namespace driftless::events
