#include "providers/kms/register.h"

#include "providers/common/service.h"
#include "providers/kms/alias.h"
#include "providers/kms/inventory.h"
#include "providers/kms/key.h"
#include "providers/kms/schema.h"

namespace driftless::kms {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(keyTypeInfo(), keyInventory(), makeKeyProvider,
                    {{{"UpdateKeyDescription", "PutKeyPolicy", "EnableKeyRotation",
                       "DisableKeyRotation", "EnableKey", "DisableKey", "TagResource",
                       "UntagResource", "ScheduleKeyDeletion", "CancelKeyDeletion"},
                      {"requestParameters.keyId"}}}),
       common::Type(
           aliasTypeInfo(), aliasInventory(), makeAliasProvider,
           {{{"CreateAlias", "UpdateAlias", "DeleteAlias"}, {"requestParameters.aliasName"}}})},
      {.name = "kms",
       .errors = {.notFound = {"NotFoundException"}, .conflict = {"AlreadyExistsException"}}});
}

}  // namespace driftless::kms
