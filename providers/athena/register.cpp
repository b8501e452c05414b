#include "providers/athena/register.h"

#include "providers/athena/change_events.h"
#include "providers/athena/inventory.h"
#include "providers/athena/schema.h"
#include "providers/athena/work_group.h"
#include "providers/common/service.h"

namespace driftless::athena {

void registerTypes(Registry& r) {
  const common::Service athenaService{
      .name = "athena",
      .errors = {.notFound = {"ResourceNotFoundException"}},
  };
  common::add(r, athenaService, common::withInventory(workGroupTypeInfo(), workGroupInventory()),
              workGroupChangeEvents(), makeWorkGroupProvider);
}

}  // namespace driftless::athena
