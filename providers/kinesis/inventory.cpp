#include "providers/kinesis/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::kinesis {

Inventory streamInventory() {
  return Inventory{.arnMatch = "kinesis:stream/",
                   .calls = {common::jsonList("ListStreams", "StreamSummaries", "StreamARN")}};
}

}  // namespace driftless::kinesis
