#include "providers/events/register.h"

#include "providers/common/service.h"
#include "providers/events/event_bus.h"
#include "providers/events/inventory.h"
#include "providers/events/rule.h"
#include "providers/events/schema.h"

namespace driftless::events {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(eventBusTypeInfo(), eventBusInventory(), makeEventBusProvider,
                    {{{"UpdateEventBus", "DeleteEventBus", "PutPermission", "RemovePermission"},
                      {"requestParameters.name", "requestParameters.eventBusName"}},
                     {{"TagResource", "UntagResource"}, {"requestParameters.resourceARN"}}}),
       common::Type(
           ruleTypeInfo(), ruleInventory(), makeRuleProvider,
           {{{"PutRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets", "RemoveTargets"},
             {"requestParameters.name", "requestParameters.rule"}},
            {{"TagResource", "UntagResource"}, {"requestParameters.resourceARN"}}})},
      {.name = "events",
       .errors = {
           .notFound = {"ResourceNotFoundException"},
           .conflict = {"ResourceAlreadyExistsException", "ConcurrentModificationException"}}});
}

}  // namespace driftless::events
