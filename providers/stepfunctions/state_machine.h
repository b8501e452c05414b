#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::stepfunctions {

// AWS::StepFunctions::StateMachine over the Step Functions JSON protocol.
// Identity: the name (its ARN is derived from the account and region, or
// found with ListStateMachines when the account is unknown). Observe:
// DescribeStateMachine and ListTagsForResource (2 calls). The definition is
// compared as JSON after DefinitionSubstitutions are applied (the
// substitutions themselves are not observable). Delete is asynchronous: a
// machine DELETING is absent, and recreating its name meanwhile is a wait.
extern const common::MakeProvider makeStateMachineProvider;

}  // namespace driftless::stepfunctions
