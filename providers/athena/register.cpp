#include "providers/athena/register.h"

#include "providers/athena/inventory.h"
#include "providers/athena/schema.h"
#include "providers/athena/work_group.h"
#include "providers/common/service.h"

namespace driftless::athena {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(workGroupTypeInfo(), workGroupInventory(), makeWorkGroupProvider,
                    {{{"UpdateWorkGroup", "DeleteWorkGroup"}, {"requestParameters.workGroup"}},
                     {{"TagResource", "UntagResource"}, {"requestParameters.resourceARN"}}})},
      {.name = "athena", .errors = {.notFound = {"ResourceNotFoundException"}}});
}

}  // namespace driftless::athena
