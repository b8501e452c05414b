#include "providers/kms/register.h"

#include "providers/common/service.h"
#include "providers/kms/alias.h"
#include "providers/kms/change_events.h"
#include "providers/kms/inventory.h"
#include "providers/kms/key.h"
#include "providers/kms/schema.h"

namespace driftless::kms {

void registerTypes(Registry& r) {
  const common::Service kmsService{
      .name = "kms",
      .errors = {.notFound = {"NotFoundException"}, .conflict = {"AlreadyExistsException"}},
  };
  common::add(r, kmsService, common::withInventory(keyTypeInfo(), keyInventory()),
              keyChangeEvents(), makeKeyProvider);
  common::add(r, kmsService, common::withInventory(aliasTypeInfo(), aliasInventory()),
              aliasChangeEvents(), makeAliasProvider);
}

}  // namespace driftless::kms
