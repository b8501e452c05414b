#include "providers/glue/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::glue {

Inventory databaseInventory() {
  // The default database (made by Athena and Lake Formation) is AWS's.
  return Inventory{.arnMatch = "glue:database/",
                   .calls = {common::jsonList("GetDatabases", "DatabaseList", "Name")},
                   .arn = "arn:{partition}:glue:{region}:{account}:database/{value}",
                   .skipEnding = {":database/default"}};
}

Inventory tableInventory() {
  return Inventory{.notListed =
                       "a database's table, without tags of its own: it is seen with its database"};
}

Inventory jobInventory() {
  return Inventory{.arnMatch = "glue:job/",
                   .calls = {common::jsonList("ListJobs", "JobNames", "")},
                   .arn = "arn:{partition}:glue:{region}:{account}:job/{value}"};
}

Inventory crawlerInventory() {
  return Inventory{.arnMatch = "glue:crawler/",
                   .calls = {common::jsonList("ListCrawlers", "CrawlerNames", "")},
                   .arn = "arn:{partition}:glue:{region}:{account}:crawler/{value}"};
}

}  // namespace driftless::glue
