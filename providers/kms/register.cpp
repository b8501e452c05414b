#include "providers/kms/register.h"

#include "providers/kms/alias.h"
#include "providers/kms/change_events.h"
#include "providers/kms/key.h"
#include "providers/kms/schema.h"

namespace driftless::kms {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(keyTypeInfo(), keyChangeEvents()), makeKeyProvider);
  r.add(withChangeEvents(aliasTypeInfo(), aliasChangeEvents()), makeAliasProvider);
}

}  // namespace driftless::kms
