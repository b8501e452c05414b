#include "providers/glue/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::glue {

Inventory databaseInventory() {
  // The default database (made by Athena and Lake Formation) is AWS's.
  return common::listedByName(
      "glue", "database", common::jsonList("GetDatabases", "DatabaseList", "Name"), {"default"});
}

Inventory tableInventory() {
  return common::notListed(
      "a database's table, without tags of its own: it is seen with its database");
}

Inventory jobInventory() {
  return common::listedByName("glue", "job", common::jsonList("ListJobs", "JobNames", ""));
}

Inventory crawlerInventory() {
  return common::listedByName("glue", "crawler",
                              common::jsonList("ListCrawlers", "CrawlerNames", ""));
}

}  // namespace driftless::glue
