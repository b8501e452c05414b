#include "providers/glue/inventory.h"

namespace driftless::glue {

using P = InventoryCall::Protocol;

Inventory databaseInventory() {
  // The default database (made by Athena and Lake Formation) is AWS's.
  return Inventory{.arnMatch = "glue:database/",
                   .calls = {{.protocol = P::Json,
                              .operation = "GetDatabases",
                              .items = "DatabaseList",
                              .field = "Name",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .arn = "arn:{partition}:glue:{region}:{account}:database/{value}",
                   .skipEnding = {":database/default"}};
}

Inventory tableInventory() {
  return Inventory{.notListed =
                       "a database's table, without tags of its own: it is seen with its database"};
}

Inventory jobInventory() {
  return Inventory{.arnMatch = "glue:job/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListJobs",
                              .items = "JobNames",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .arn = "arn:{partition}:glue:{region}:{account}:job/{value}"};
}

Inventory crawlerInventory() {
  return Inventory{.arnMatch = "glue:crawler/",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListCrawlers",
                              .items = "CrawlerNames",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .arn = "arn:{partition}:glue:{region}:{account}:crawler/{value}"};
}

}  // namespace driftless::glue
