#include "providers/dynamodb/register.h"

#include "providers/dynamodb/schema.h"

namespace driftless::dynamodb {

void registerTypes(Registry& r) {
  r.add(tableTypeInfo(), nullptr);
}

}  // namespace driftless::dynamodb
