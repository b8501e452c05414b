#include "providers/ecr/register.h"

#include "providers/ecr/change_events.h"
#include "providers/ecr/repository.h"
#include "providers/ecr/schema.h"

namespace driftless::ecr {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(repositoryTypeInfo(), repositoryChangeEvents()), makeRepositoryProvider);
}

}  // namespace driftless::ecr
