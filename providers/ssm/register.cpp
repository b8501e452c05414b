#include "providers/ssm/register.h"

#include "providers/common/service.h"
#include "providers/ssm/change_events.h"
#include "providers/ssm/inventory.h"
#include "providers/ssm/parameter.h"
#include "providers/ssm/schema.h"

namespace driftless::ssm {

void registerTypes(Registry& r) {
  // TooManyUpdates: PutParameter on one name too often.
  const common::Service ssm{
      .name = "ssm",
      .errors = {.notFound = {"ParameterNotFound"},
                 .conflict = {"ParameterAlreadyExists"},
                 .throttling = {"TooManyUpdates"}},
  };
  common::add(r, ssm, common::withInventory(parameterTypeInfo(), parameterInventory()),
              parameterChangeEvents(), makeParameterProvider);
}

}  // namespace driftless::ssm
