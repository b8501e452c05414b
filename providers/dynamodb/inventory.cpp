#include "providers/dynamodb/inventory.h"

namespace driftless::dynamodb {

using P = InventoryCall::Protocol;

Inventory tableInventory() {
  return Inventory{.arnMatch = "dynamodb:table/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListTables",
                              .items = "TableNames",
                              .tokenIn = "ExclusiveStartTableName",
                              .tokenOut = "LastEvaluatedTableName"}},
                   .arn = "arn:{partition}:dynamodb:{region}:{account}:table/{value}"};
}

}  // namespace driftless::dynamodb
