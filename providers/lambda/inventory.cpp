#include "providers/lambda/inventory.h"

namespace driftless::lambda {

using P = InventoryCall::Protocol;

Inventory functionInventory() {
  return Inventory{.calls = {{.protocol = P::RestJson,
                              .operation = "ListFunctions",
                              .path = "/2015-03-31/functions/",
                              .items = "Functions",
                              .field = "FunctionArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}}};
}

Inventory permissionInventory() {
  return Inventory{.notListed =
                       "a statement of a function's resource policy, not a resource: it is seen "
                       "with its function"};
}

Inventory eventSourceMappingInventory() {
  return Inventory{.calls = {{.protocol = P::RestJson,
                              .operation = "ListEventSourceMappings",
                              .path = "/2015-03-31/event-source-mappings/",
                              .items = "EventSourceMappings",
                              .field = "EventSourceMappingArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}}};
}

Inventory versionInventory() {
  // Every published version of every function; $LATEST is the function itself.
  return Inventory{.calls = {{.protocol = P::RestJson,
                              .operation = "ListFunctions",
                              .path = "/2015-03-31/functions/",
                              .items = "Functions",
                              .field = "FunctionArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"},
                             {.protocol = P::RestJson,
                              .operation = "ListVersionsByFunction",
                              .path = "/2015-03-31/functions/{parent}/versions",
                              .items = "Versions",
                              .field = "FunctionArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}},
                   .skipEnding = {":$LATEST"}};
}

Inventory aliasInventory() {
  return Inventory{.calls = {{.protocol = P::RestJson,
                              .operation = "ListFunctions",
                              .path = "/2015-03-31/functions/",
                              .items = "Functions",
                              .field = "FunctionArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"},
                             {.protocol = P::RestJson,
                              .operation = "ListAliases",
                              .path = "/2015-03-31/functions/{parent}/aliases",
                              .items = "Aliases",
                              .field = "AliasArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}}};
}

Inventory layerVersionInventory() {
  return Inventory{.calls = {{.protocol = P::RestJson,
                              .operation = "ListLayers",
                              .path = "/2018-10-31/layers",
                              .items = "Layers",
                              .field = "LayerArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"},
                             {.protocol = P::RestJson,
                              .operation = "ListLayerVersions",
                              .path = "/2018-10-31/layers/{parent}/versions",
                              .items = "LayerVersions",
                              .field = "LayerVersionArn",
                              .tokenIn = "Marker",
                              .tokenOut = "NextMarker"}}};
}

}  // namespace driftless::lambda
