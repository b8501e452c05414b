#pragma once
// The list calls of an inventory.cpp (see inventory_spec.h) and the shapes of
// its Inventory, as data: the paged JSON call most services share, the Query
// and REST ones, a listed type, a type listed by name, a type not listed.
#include <string>
#include <utility>
#include <vector>

#include "providers/common/inventory_spec.h"

namespace driftless::common {

// One JSON-protocol list call: the array `items` of each page, each item named
// by its `field` ("" = the item itself, a string), the page's `tokenOut` sent
// back as `tokenIn` ("" = the same name: NextToken, nextToken).
inline InventoryCall jsonList(std::string operation, std::string items, std::string field,
                              std::string tokenIn = "NextToken", std::string tokenOut = "") {
  if (tokenOut.empty()) tokenOut = tokenIn;
  return {.protocol = InventoryCall::Protocol::Json,
          .operation = std::move(operation),
          .items = std::move(items),
          .field = std::move(field),
          .tokenIn = std::move(tokenIn),
          .tokenOut = std::move(tokenOut)};
}

// One Query or REST list call, paged by `tokenIn`/`tokenOut` ("" = none; Query
// handles IsTruncated/Marker itself); `path` is a REST call's.
inline InventoryCall listCall(InventoryCall::Protocol protocol, std::string operation,
                              std::string path, std::string items, std::string field,
                              std::string tokenIn, std::string tokenOut = "") {
  return {.protocol = protocol,
          .operation = std::move(operation),
          .path = std::move(path),
          .items = std::move(items),
          .field = std::move(field),
          .tokenIn = std::move(tokenIn),
          .tokenOut = std::move(tokenOut)};
}

// A type listed by `calls`, its ARNs "<arnMatch>..." and an item's ARN made by
// `arn` ("" = the item is its ARN).
inline Inventory listed(std::string arnMatch, std::vector<InventoryCall> calls,
                        std::string arn = "") {
  return {.arnMatch = std::move(arnMatch), .calls = std::move(calls), .arn = std::move(arn)};
}

// A regional type listed by the names `call` returns: its ARN is
// arn:{partition}:<service>:{region}:{account}:<resource>/<name>; a name in
// `awsOwn` is AWS's (a default or primary one).
inline Inventory listedByName(const std::string& service, const std::string& resource,
                              InventoryCall call, std::vector<std::string> awsOwn = {}) {
  Inventory inventory =
      listed(service + ":" + resource + "/", {std::move(call)},
             "arn:{partition}:" + service + ":{region}:{account}:" + resource + "/{value}");
  for (const auto& name : awsOwn)
    inventory.skipEnding.push_back(":" + resource + "/" + name);
  return inventory;
}

// A type not listed, and why (Inventory::notListed).
inline Inventory notListed(std::string why) {
  return {.notListed = std::move(why)};
}

}  // namespace driftless::common
