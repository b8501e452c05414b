#include "providers/ssm/register.h"

#include "providers/common/service.h"
#include "providers/ssm/inventory.h"
#include "providers/ssm/parameter.h"
#include "providers/ssm/schema.h"

namespace driftless::ssm {

void registerTypes(Registry& r) {
  // TooManyUpdates: PutParameter on one name too often.
  common::add(r,
              {common::Type(
                  parameterTypeInfo(), parameterInventory(), makeParameterProvider,
                  {{{"PutParameter", "DeleteParameter", "DeleteParameters", "AddTagsToResource",
                     "RemoveTagsFromResource", "LabelParameterVersion", "UnlabelParameterVersion"},
                    {"requestParameters.name", "requestParameters.names",
                     "requestParameters.resourceId"}}})},
              {.name = "ssm",
               .errors = {.notFound = {"ParameterNotFound"},
                          .conflict = {"ParameterAlreadyExists"},
                          .throttling = {"TooManyUpdates"}}});
}

}  // namespace driftless::ssm
