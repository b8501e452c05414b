#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::events {

// AWS::Events::Rule over the EventBridge JSON protocol. Identity: the event bus
// (EventBusName, "default" when absent) and the rule Name. Its Targets are
// children identified by rule + target Id: managed as a set keyed by Id
// (PutTargets for new or changed ones, RemoveTargets for the others), so a
// change to one target never touches the rest. Observe: DescribeRule,
// ListTagsForResource, and ListTargetsByRule only when Targets are managed.
extern const common::MakeProvider makeRuleProvider;

}  // namespace driftless::events
