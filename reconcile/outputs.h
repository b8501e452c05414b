#pragma once
// Templates' Outputs in state: resolved from the applied resources'
// attributes after a cycle's execution, so `state.json` (and what reads it)
// shows each stack's outputs and exports.
#include "reconcile/manifest.h"
#include "state/state_types.h"

namespace driftless::reconcile {

// Sets every stack's outputs in `applied` from `desired.outputs`: a value whose
// resources are applied is resolved (a secret one is stored as "(secret)"); one
// whose resources are not (yet) is left as it was; outputs no longer in the
// templates are removed.
void recordOutputs(const DesiredState& desired, state::EnvironmentState& applied);

// Every stack's outputs as a list of {stack, name, value, export, description}
// (`driftless status --outputs`); secret ones are already "(secret)" in state.
Value outputsView(const state::EnvironmentState& applied);

}  // namespace driftless::reconcile
