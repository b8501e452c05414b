#pragma once
// AWS::StepFunctions::StateMachine as data: property schema, Ref/GetAtt, name
// rules, validation, and the definition the manifest means (substituted).
#include <optional>

#include "providers/type_info.h"

namespace driftless::stepfunctions {

TypeInfo stateMachineTypeInfo();

// The definition as the manifest means it: Definition (an object) or
// DefinitionString, with every ${Key} of DefinitionSubstitutions replaced (as
// CloudFormation does), parsed. nullopt when absent, unresolved or not JSON.
std::optional<Value> effectiveDefinition(const Properties& props);

}  // namespace driftless::stepfunctions
