#include "providers/kinesis/inventory.h"

namespace driftless::kinesis {

using P = InventoryCall::Protocol;

Inventory streamInventory() {
  return Inventory{.arnMatch = "kinesis:stream/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListStreams",
                              .items = "StreamSummaries",
                              .field = "StreamARN",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}}};
}

}  // namespace driftless::kinesis
