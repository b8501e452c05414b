#include "providers/lambda/register.h"

#include "providers/common/service.h"
#include "providers/lambda/change_events.h"
#include "providers/lambda/event_source_mapping.h"
#include "providers/lambda/event_source_mapping_schema.h"
#include "providers/lambda/function.h"
#include "providers/lambda/inventory.h"
#include "providers/lambda/layer_version.h"
#include "providers/lambda/layer_version_schema.h"
#include "providers/lambda/permission.h"
#include "providers/lambda/permission_schema.h"
#include "providers/lambda/schema.h"
#include "providers/lambda/version.h"
#include "providers/lambda/version_schema.h"

namespace driftless::lambda {

void registerTypes(Registry& r) {
  // ResourceConflictException: the function is being updated (Pending).
  const common::Service lambda{
      .name = "lambda",
      .errors = {.notFound = {"ResourceNotFoundException"},
                 .conflict = {"ResourceConflictException"}},
  };
  common::add(r, lambda, common::withInventory(functionTypeInfo(), functionInventory()),
              functionChangeEvents(), makeFunctionProvider);
  common::add(r, lambda, common::withInventory(permissionTypeInfo(), permissionInventory()),
              permissionChangeEvents(), makePermissionProvider);
  common::add(r, lambda,
              common::withInventory(eventSourceMappingTypeInfo(), eventSourceMappingInventory()),
              eventSourceMappingChangeEvents(), makeEventSourceMappingProvider);
  common::add(r, lambda, common::withInventory(versionTypeInfo(), versionInventory()),
              versionChangeEvents(), makeVersionProvider);
  common::add(r, lambda, common::withInventory(aliasTypeInfo(), aliasInventory()),
              aliasChangeEvents(), makeAliasProvider);
  common::add(r, lambda, common::withInventory(layerVersionTypeInfo(), layerVersionInventory()),
              layerVersionChangeEvents(), makeLayerVersionProvider);
}

}  // namespace driftless::lambda
