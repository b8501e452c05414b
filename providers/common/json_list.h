#pragma once
// The list call most JSON-protocol services page the same way, as data for
// their inventory.cpp (see inventory_spec.h).
#include <string>
#include <utility>

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

}  // namespace driftless::common
