#include "providers/ssm/change_events.h"

namespace driftless::ssm {

std::vector<ChangeEventRule> parameterChangeEvents() {
  return {{"ssm.amazonaws.com",
           {"PutParameter", "DeleteParameter", "DeleteParameters", "AddTagsToResource",
            "RemoveTagsFromResource", "LabelParameterVersion", "UnlabelParameterVersion"},
           {"requestParameters.name", "requestParameters.names", "requestParameters.resourceId"}}};
}

}  // namespace driftless::ssm
