#include "providers/secretsmanager/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::secretsmanager {

Inventory secretInventory() {
  // Secrets another AWS service owns (OwningService: RDS, ...) are its own.
  return Inventory{.arnMatch = "secretsmanager:secret:",
                   .calls = {common::jsonList("ListSecrets", "SecretList", "ARN")},
                   .skipIfSet = {"OwningService"}};
}

}  // namespace driftless::secretsmanager
