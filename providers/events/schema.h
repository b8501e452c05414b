#pragma once
// AWS::Events::EventBus and AWS::Events::Rule as data: property schemas,
// Ref/GetAtt, name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::events {

inline constexpr std::string_view kEventBusType = "AWS::Events::EventBus";
inline constexpr std::string_view kRuleType = "AWS::Events::Rule";

// The IAM actions both types call (EventBridge tags any ARN with the same calls).
std::vector<std::string> tagActions();

TypeInfo eventBusTypeInfo();
// Name: 1-256 of [A-Za-z0-9._-] (no "/": partner buses are not created here),
// not "default" (the account's default bus always exists and is not created).
std::vector<std::string> validateEventBus(const Properties& props);

TypeInfo ruleTypeInfo();
// Name: 1-64 of [A-Za-z0-9._-]; EventPattern or ScheduleExpression (schedules
// only on the default bus); at most 5 targets, unique Ids of 1-64 [A-Za-z0-9._-];
// one of Input, InputPath, InputTransformer per target.
std::vector<std::string> validateRule(const Properties& props);

}  // namespace driftless::events
