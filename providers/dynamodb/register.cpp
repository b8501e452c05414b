#include "providers/dynamodb/register.h"

#include "providers/dynamodb/schema.h"
#include "providers/dynamodb/table.h"

namespace driftless::dynamodb {

void registerTypes(Registry& r) {
  r.add(tableTypeInfo(), [](const ProviderContext& ctx) { return makeTableProvider(ctx); });
}

}  // namespace driftless::dynamodb
