#include "providers/lambda/register.h"

#include "providers/common/service.h"
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
  common::add(
      r,
      {// CloudTrail names Lambda calls with their API version (UpdateFunctionCode20150331v2);
       // the undated names below match them.
       common::Type(
           functionTypeInfo(), functionInventory(), makeFunctionProvider,
           {{{"UpdateFunctionConfiguration", "UpdateFunctionCode", "DeleteFunction", "TagResource",
              "UntagResource", "PutFunctionConcurrency", "DeleteFunctionConcurrency",
              "PutFunctionEventInvokeConfig", "DeleteFunctionEventInvokeConfig"},
             {"requestParameters.functionName", "requestParameters.resource"}}}),
       // A permission's id is "function|statement": the statement id names it; a
       // deleted function takes its policy with it.
       common::Type(permissionTypeInfo(), permissionInventory(), makePermissionProvider,
                    {{{"AddPermission", "RemovePermission"}, {"requestParameters.statementId"}},
                     {{"DeleteFunction"}, {"requestParameters.functionName"}}}),
       // CloudTrail spells the UUID parameter "uUID".
       common::Type(eventSourceMappingTypeInfo(), eventSourceMappingInventory(),
                    makeEventSourceMappingProvider,
                    {{{"UpdateEventSourceMapping", "DeleteEventSourceMapping"},
                      {"requestParameters.uUID", "responseElements.uUID"}},
                     {{"TagResource", "UntagResource"}, {"requestParameters.resource"}}}),
       // Nothing about a version changes but its deletion: by its ARN, by its
       // function and qualifier, or with its whole function.
       common::Type(versionTypeInfo(), versionInventory(), makeVersionProvider,
                    {{{"DeleteFunction"},
                      {"requestParameters.functionName",
                       "{requestParameters.functionName}:{requestParameters.qualifier}"}}}),
       common::Type(aliasTypeInfo(), aliasInventory(), makeAliasProvider,
                    {{{"UpdateAlias", "DeleteAlias"},
                      {"{requestParameters.functionName}:{requestParameters.name}",
                       "responseElements.aliasArn"}},
                     {{"DeleteFunction"}, {"requestParameters.functionName"}}}),
       // Every property replaces: only a deletion is drift. versionNumber is a number.
       common::Type(layerVersionTypeInfo(), layerVersionInventory(), makeLayerVersionProvider,
                    {{{"DeleteLayerVersion"},
                      {"{requestParameters.layerName}:{requestParameters.versionNumber}"}}})},
      {.name = "lambda",
       .errors = {.notFound = {"ResourceNotFoundException"},
                  .conflict = {"ResourceConflictException"}}});
}

}  // namespace driftless::lambda
