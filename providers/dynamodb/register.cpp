#include "providers/dynamodb/register.h"

#include "providers/common/service.h"
#include "providers/dynamodb/change_events.h"
#include "providers/dynamodb/inventory.h"
#include "providers/dynamodb/schema.h"
#include "providers/dynamodb/table.h"

namespace driftless::dynamodb {

void registerTypes(Registry& r) {
  // LimitExceededException: too many table operations in flight, not a quota.
  const common::Service dynamodb{
      .name = "dynamodb",
      .errors = {.notFound = {"ResourceNotFoundException"},
                 .conflict = {"ResourceInUseException", "TableAlreadyExistsException"},
                 .throttling = {"LimitExceededException"}},
  };
  common::add(r, dynamodb, common::withInventory(tableTypeInfo(), tableInventory()),
              tableChangeEvents(),
              [](const ProviderContext& ctx) { return makeTableProvider(ctx); });
}

}  // namespace driftless::dynamodb
