#include "providers/dynamodb/register.h"

#include "providers/common/service.h"
#include "providers/dynamodb/inventory.h"
#include "providers/dynamodb/schema.h"
#include "providers/dynamodb/table.h"

namespace driftless::dynamodb {

void registerTypes(Registry& r) {
  // LimitExceededException: too many table operations in flight, not a quota.
  common::add(r,
              {common::Type(tableTypeInfo(), tableInventory(),
                            [](const ProviderContext& ctx) { return makeTableProvider(ctx); },
                            {{{"UpdateTable", "DeleteTable", "TagResource", "UntagResource",
                               "UpdateTimeToLive", "UpdateContinuousBackups", "PutResourcePolicy",
                               "DeleteResourcePolicy", "EnableKinesisStreamingDestination",
                               "DisableKinesisStreamingDestination"},
                              {"requestParameters.tableName", "requestParameters.resourceArn"}}})},
              {.name = "dynamodb",
               .errors = {.notFound = {"ResourceNotFoundException"},
                          .conflict = {"ResourceInUseException", "TableAlreadyExistsException"},
                          .throttling = {"LimitExceededException"}}});
}

}  // namespace driftless::dynamodb
