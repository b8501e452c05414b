#include "providers/secretsmanager/register.h"

#include "providers/common/service.h"
#include "providers/secretsmanager/change_events.h"
#include "providers/secretsmanager/inventory.h"
#include "providers/secretsmanager/schema.h"
#include "providers/secretsmanager/secret.h"

namespace driftless::secretsmanager {

void registerTypes(Registry& r) {
  const common::Service secretsmanagerService{
      .name = "secretsmanager",
      .errors = {.notFound = {"ResourceNotFoundException"},
                 .conflict = {"ResourceExistsException"}},
  };
  common::add(r, secretsmanagerService, common::withInventory(secretTypeInfo(), secretInventory()),
              secretChangeEvents(), makeSecretProvider);
}

}  // namespace driftless::secretsmanager
