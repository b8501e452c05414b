#include "providers/events/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::events {

using P = InventoryCall::Protocol;

namespace {

InventoryCall listEventBuses() {
  return common::jsonList("ListEventBuses", "EventBuses", "Arn");
}

}  // namespace

Inventory eventBusInventory() {
  // The default event bus is AWS's.
  return Inventory{.arnMatch = "events:event-bus/",
                   .calls = {listEventBuses()},
                   .skipEnding = {":event-bus/default"}};
}

Inventory ruleInventory() {
  // The rules of every bus; those another AWS service manages (ManagedBy) are its own.
  return Inventory{.arnMatch = "events:rule/",
                   .calls = {listEventBuses(),
                             {.protocol = P::Json,
                              .operation = "ListRules",
                              .params = {{"EventBusName", "{parent}"}},
                              .items = "Rules",
                              .field = "Arn",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .skipIfSet = {"ManagedBy"}};
}

}  // namespace driftless::events
