#include "providers/secretsmanager/register.h"

#include "providers/common/service.h"
#include "providers/secretsmanager/inventory.h"
#include "providers/secretsmanager/schema.h"
#include "providers/secretsmanager/secret.h"

namespace driftless::secretsmanager {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(secretTypeInfo(), secretInventory(), makeSecretProvider,
                    {{{"UpdateSecret", "PutSecretValue", "TagResource", "UntagResource",
                       "DeleteSecret", "RestoreSecret", "RotateSecret", "UpdateSecretVersionStage"},
                      {"requestParameters.secretId"}}})},
      {.name = "secretsmanager",
       .errors = {.notFound = {"ResourceNotFoundException"},
                  .conflict = {"ResourceExistsException"}}});
}

}  // namespace driftless::secretsmanager
