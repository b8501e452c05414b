#pragma once
// AWS::StepFunctions::StateMachine as data: property schema, Ref/GetAtt, name
// rules, validation, and the definition the manifest means (substituted).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::stepfunctions {

inline constexpr std::string_view kStateMachineType = "AWS::StepFunctions::StateMachine";

TypeInfo stateMachineTypeInfo();
// StateMachineName: 1-80 of [A-Za-z0-9_-]; exactly one of Definition and
// DefinitionString; DefinitionSubstitutions only with one of them; the
// substituted definition must be a JSON object.
std::vector<std::string> validateStateMachine(const Properties& props);

// The definition as the manifest means it: Definition (an object) or
// DefinitionString, with every ${Key} of DefinitionSubstitutions replaced (as
// CloudFormation does), parsed. nullopt when absent, unresolved or not JSON.
std::optional<Value> effectiveDefinition(const Properties& props);

}  // namespace driftless::stepfunctions
