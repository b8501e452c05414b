#include "providers/kinesis/register.h"

#include "providers/common/service.h"
#include "providers/kinesis/change_events.h"
#include "providers/kinesis/inventory.h"
#include "providers/kinesis/schema.h"
#include "providers/kinesis/stream.h"

namespace driftless::kinesis {

void registerTypes(Registry& r) {
  const common::Service kinesisService{
      .name = "kinesis",
      .errors = {.notFound = {"ResourceNotFoundException"}, .conflict = {"ResourceInUseException"}},
  };
  common::add(r, kinesisService, common::withInventory(streamTypeInfo(), streamInventory()),
              streamChangeEvents(), makeStreamProvider);
}

}  // namespace driftless::kinesis
