#include "providers/dynamodb/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::dynamodb {

Inventory tableInventory() {
  return Inventory{.arnMatch = "dynamodb:table/",
                   .calls = {common::jsonList("ListTables", "TableNames", "",
                                              "ExclusiveStartTableName", "LastEvaluatedTableName")},
                   .arn = "arn:{partition}:dynamodb:{region}:{account}:table/{value}"};
}

}  // namespace driftless::dynamodb
