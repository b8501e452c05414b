#include "providers/secretsmanager/inventory.h"

namespace driftless::secretsmanager {

using P = InventoryCall::Protocol;

Inventory secretInventory() {
  // Secrets another AWS service owns (OwningService: RDS, ...) are its own.
  return Inventory{.arnMatch = "secretsmanager:secret:",
                   .calls = {{.protocol = P::Json,
                              .operation = "ListSecrets",
                              .items = "SecretList",
                              .field = "ARN",
                              .tokenIn = "NextToken",
                              .tokenOut = "NextToken"}},
                   .skipIfSet = {"OwningService"}};
}

}  // namespace driftless::secretsmanager
