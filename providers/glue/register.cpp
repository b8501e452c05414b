#include "providers/glue/register.h"

#include "providers/glue/change_events.h"
#include "providers/glue/database.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(databaseTypeInfo(), databaseChangeEvents()), makeDatabaseProvider);
}

}  // namespace driftless::glue
