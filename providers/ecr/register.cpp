#include "providers/ecr/register.h"

#include "providers/common/service.h"
#include "providers/ecr/inventory.h"
#include "providers/ecr/repository.h"
#include "providers/ecr/schema.h"

namespace driftless::ecr {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(repositoryTypeInfo(), repositoryInventory(), makeRepositoryProvider,
                    {{{"PutImageTagMutability", "PutImageScanningConfiguration",
                       "PutLifecyclePolicy", "DeleteLifecyclePolicy", "SetRepositoryPolicy",
                       "DeleteRepositoryPolicy", "DeleteRepository"},
                      {"requestParameters.repositoryName"}},
                     {{"TagResource", "UntagResource"}, {"requestParameters.resourceArn"}}})},
      {.name = "ecr",
       .errors = {.notFound = {"RepositoryNotFoundException"},
                  .conflict = {"RepositoryAlreadyExistsException"}}});
}

}  // namespace driftless::ecr
