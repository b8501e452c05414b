#include "providers/stepfunctions/change_events.h"

namespace driftless::stepfunctions {

std::vector<ChangeEventRule> stateMachineChangeEvents() {
  return {{"states.amazonaws.com",
           {"UpdateStateMachine", "DeleteStateMachine", "TagResource", "UntagResource"},
           {"requestParameters.stateMachineArn", "requestParameters.resourceArn"}}};
}

}  // namespace driftless::stepfunctions
