#include "providers/events/change_events.h"

namespace driftless::events {

std::vector<ChangeEventRule> eventBusChangeEvents() {
  return {{"events.amazonaws.com",
           {"UpdateEventBus", "DeleteEventBus", "PutPermission", "RemovePermission"},
           {"requestParameters.name", "requestParameters.eventBusName"}},
          {"events.amazonaws.com",
           {"TagResource", "UntagResource"},
           {"requestParameters.resourceARN"}}};
}

std::vector<ChangeEventRule> ruleChangeEvents() {
  return {{"events.amazonaws.com",
           {"PutRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets", "RemoveTargets"},
           {"requestParameters.name", "requestParameters.rule"}},
          {"events.amazonaws.com",
           {"TagResource", "UntagResource"},
           {"requestParameters.resourceARN"}}};
}

}  // namespace driftless::events
