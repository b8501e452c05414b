#include "providers/ecr/register.h"

#include "providers/common/service.h"
#include "providers/ecr/change_events.h"
#include "providers/ecr/inventory.h"
#include "providers/ecr/repository.h"
#include "providers/ecr/schema.h"

namespace driftless::ecr {

void registerTypes(Registry& r) {
  const common::Service ecrService{
      .name = "ecr",
      .errors = {.notFound = {"RepositoryNotFoundException"},
                 .conflict = {"RepositoryAlreadyExistsException"}},
  };
  common::add(r, ecrService, common::withInventory(repositoryTypeInfo(), repositoryInventory()),
              repositoryChangeEvents(), makeRepositoryProvider);
}

}  // namespace driftless::ecr
