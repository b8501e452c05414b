#include "providers/glue/register.h"

#include "providers/common/service.h"
#include "providers/glue/crawler.h"
#include "providers/glue/database.h"
#include "providers/glue/inventory.h"
#include "providers/glue/job.h"
#include "providers/glue/schema.h"
#include "providers/glue/table.h"

namespace driftless::glue {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(databaseTypeInfo(), databaseInventory(), makeDatabaseProvider,
                    {{{"UpdateDatabase", "DeleteDatabase"}, {"requestParameters.name"}}}),
       // The identity is "<database>|<table>": UpdateTable names the table in its input.
       common::Type(
           tableTypeInfo(), tableInventory(), makeTableProvider,
           {{{"UpdateTable"},
             {"{requestParameters.databaseName}|{requestParameters.tableInput.name}"}},
            {{"DeleteTable"}, {"{requestParameters.databaseName}|{requestParameters.name}"}}}),
       common::Type(jobTypeInfo(), jobInventory(), makeJobProvider,
                    {{{"UpdateJob", "DeleteJob"}, {"requestParameters.jobName"}},
                     {{"TagResource", "UntagResource"}, {"requestParameters.resourceArn"}}}),
       common::Type(crawlerTypeInfo(), crawlerInventory(), makeCrawlerProvider,
                    {{{"UpdateCrawler", "DeleteCrawler"}, {"requestParameters.name"}},
                     {{"TagResource", "UntagResource"}, {"requestParameters.resourceArn"}}})},
      {.name = "glue",
       .errors = {.notFound = {"EntityNotFoundException"},
                  .conflict = {"AlreadyExistsException"}}});
}

}  // namespace driftless::glue
