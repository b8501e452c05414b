#include "providers/secretsmanager/register.h"

#include "providers/secretsmanager/change_events.h"
#include "providers/secretsmanager/schema.h"
#include "providers/secretsmanager/secret.h"

namespace driftless::secretsmanager {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(secretTypeInfo(), secretChangeEvents()), makeSecretProvider);
}

}  // namespace driftless::secretsmanager
