#pragma once
// AWS::Events::EventBus and AWS::Events::Rule as data: property schemas,
// Ref/GetAtt, name rules and validation.
#include <string>
#include <vector>

#include "providers/type_info.h"

namespace driftless::events {

// The IAM actions both types call (EventBridge tags any ARN with the same calls).
std::vector<std::string> tagActions();

TypeInfo eventBusTypeInfo();

TypeInfo ruleTypeInfo();

}  // namespace driftless::events
