#include "providers/dynamodb/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::dynamodb {

Inventory tableInventory() {
  return common::listedByName(
      "dynamodb", "table",
      common::jsonList("ListTables", "TableNames", "", "ExclusiveStartTableName",
                       "LastEvaluatedTableName"));
}

}  // namespace driftless::dynamodb
