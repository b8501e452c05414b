#include "providers/lambda/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::lambda {

namespace {

// Lambda's REST list calls page with Marker/NextMarker.
InventoryCall list(std::string operation, std::string path, std::string items, std::string field) {
  return common::listCall(InventoryCall::Protocol::RestJson, std::move(operation), std::move(path),
                          std::move(items), std::move(field), "Marker", "NextMarker");
}

InventoryCall listFunctions() {
  return list("ListFunctions", "/2015-03-31/functions/", "Functions", "FunctionArn");
}

}  // namespace

Inventory functionInventory() {
  return Inventory{.arnMatch = "lambda:function:", .calls = {listFunctions()}};
}

Inventory permissionInventory() {
  return common::notListed(
      "a statement of a function's resource policy, not a resource: it is seen with its function");
}

Inventory eventSourceMappingInventory() {
  return Inventory{.arnMatch = "lambda:event-source-mapping:",
                   .calls = {list("ListEventSourceMappings", "/2015-03-31/event-source-mappings/",
                                  "EventSourceMappings", "EventSourceMappingArn")}};
}

Inventory versionInventory() {
  // Every published version of every function; $LATEST is the function itself.
  return Inventory{.calls = {listFunctions(), list("ListVersionsByFunction",
                                                   "/2015-03-31/functions/{parent}/versions",
                                                   "Versions", "FunctionArn")},
                   .skipEnding = {":$LATEST"}};
}

Inventory aliasInventory() {
  return Inventory{
      .calls = {listFunctions(), list("ListAliases", "/2015-03-31/functions/{parent}/aliases",
                                      "Aliases", "AliasArn")}};
}

Inventory layerVersionInventory() {
  return Inventory{.arnMatch = "lambda:layer:",
                   .calls = {list("ListLayers", "/2018-10-31/layers", "Layers", "LayerArn"),
                             list("ListLayerVersions", "/2018-10-31/layers/{parent}/versions",
                                  "LayerVersions", "LayerVersionArn")}};
}

}  // namespace driftless::lambda
