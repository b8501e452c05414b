#pragma once
// AWS::Events::EventBus and AWS::Events::Rule as data: property schemas,
// Ref/GetAtt, name rules and validation.
#include <string>
#include <vector>

#include "providers/type_info.h"

namespace driftless::events {

TypeInfo eventBusTypeInfo();

TypeInfo ruleTypeInfo();

}  // namespace driftless::events
