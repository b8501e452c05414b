#include "providers/kinesis/inventory.h"

namespace driftless::kinesis {

using P = InventoryCall::Protocol;

Inventory streamInventory() {
  return Inventory{.calls = {{.protocol = P::Json,
                              .operation = "ListStreams",
                              .items = "StreamSummaries",
                              .field = "StreamARN",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}}};
}

}  // namespace driftless::kinesis
