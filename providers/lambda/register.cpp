#include "providers/lambda/register.h"

#include "providers/common/service.h"
#include "providers/lambda/change_events.h"
#include "providers/lambda/event_source_mapping.h"
#include "providers/lambda/event_source_mapping_schema.h"
#include "providers/lambda/function.h"
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
  common::add(r, lambda, functionTypeInfo(), functionChangeEvents(), makeFunctionProvider);
  common::add(r, lambda, permissionTypeInfo(), {}, makePermissionProvider);
  common::add(r, lambda, eventSourceMappingTypeInfo(), {}, makeEventSourceMappingProvider);
  common::add(r, lambda, versionTypeInfo(), {}, makeVersionProvider);
  common::add(r, lambda, aliasTypeInfo(), {}, makeAliasProvider);
  common::add(r, lambda, layerVersionTypeInfo(), {}, makeLayerVersionProvider);
}

}  // namespace driftless::lambda
