#include "providers/athena/change_events.h"

namespace driftless::athena {

std::vector<ChangeEventRule> workGroupChangeEvents() {
  return {{"athena.amazonaws.com",
           {"UpdateWorkGroup", "DeleteWorkGroup"},
           {"requestParameters.workGroup"}},
          {"athena.amazonaws.com",
           {"TagResource", "UntagResource"},
           {"requestParameters.resourceARN"}}};
}

}  // namespace driftless::athena
