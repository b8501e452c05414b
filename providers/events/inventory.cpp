#include "providers/events/inventory.h"

namespace driftless::events {

using P = InventoryCall::Protocol;

Inventory eventBusInventory() {
  // The default event bus is AWS's.
  return Inventory{.calls = {{.protocol = P::Json,
                              .operation = "ListEventBuses",
                              .items = "EventBuses",
                              .field = "Arn",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .skipEnding = {":event-bus/default"}};
}

Inventory ruleInventory() {
  // The rules of every bus; those another AWS service manages (ManagedBy) are its own.
  return Inventory{.calls = {{.protocol = P::Json,
                              .operation = "ListEventBuses",
                              .items = "EventBuses",
                              .field = "Arn",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"},
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
