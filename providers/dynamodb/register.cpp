#include "providers/dynamodb/register.h"

#include "providers/dynamodb/change_events.h"
#include "providers/dynamodb/schema.h"
#include "providers/dynamodb/table.h"

namespace driftless::dynamodb {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(tableTypeInfo(), tableChangeEvents()),
        [](const ProviderContext& ctx) { return makeTableProvider(ctx); });
}

}  // namespace driftless::dynamodb
