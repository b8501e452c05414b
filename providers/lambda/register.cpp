#include "providers/lambda/lambda.h"

#include "providers/lambda/change_events.h"
#include "providers/lambda/event_source_mapping.h"
#include "providers/lambda/event_source_mapping_schema.h"
#include "providers/lambda/layer_version.h"
#include "providers/lambda/layer_version_schema.h"
#include "providers/lambda/permission.h"
#include "providers/lambda/permission_schema.h"
#include "providers/lambda/version.h"
#include "providers/lambda/version_schema.h"

namespace driftless::lambda {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(functionInfo(), functionChangeEvents()), makeFunctionProvider);
  registry.add(permissionTypeInfo(), makePermissionProvider);
  registry.add(eventSourceMappingTypeInfo(), makeEventSourceMappingProvider);
  registry.add(versionTypeInfo(), makeVersionProvider);
  registry.add(aliasTypeInfo(), makeAliasProvider);
  registry.add(layerVersionTypeInfo(), makeLayerVersionProvider);
}

}  // namespace driftless::lambda
