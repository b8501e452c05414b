#include "providers/glue/register.h"

#include "providers/common/service.h"
#include "providers/glue/change_events.h"
#include "providers/glue/crawler.h"
#include "providers/glue/database.h"
#include "providers/glue/inventory.h"
#include "providers/glue/job.h"
#include "providers/glue/schema.h"
#include "providers/glue/table.h"

namespace driftless::glue {

void registerTypes(Registry& r) {
  const common::Service glueService{
      .name = "glue",
      .errors = {.notFound = {"EntityNotFoundException"}, .conflict = {"AlreadyExistsException"}},
  };
  common::add(r, glueService, common::withInventory(databaseTypeInfo(), databaseInventory()),
              databaseChangeEvents(), makeDatabaseProvider);
  common::add(r, glueService, common::withInventory(tableTypeInfo(), tableInventory()),
              tableChangeEvents(), makeTableProvider);
  common::add(r, glueService, common::withInventory(jobTypeInfo(), jobInventory()),
              jobChangeEvents(), makeJobProvider);
  common::add(r, glueService, common::withInventory(crawlerTypeInfo(), crawlerInventory()),
              crawlerChangeEvents(), makeCrawlerProvider);
}

}  // namespace driftless::glue
