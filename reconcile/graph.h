#pragma once
// The dependency graph of a desired state: edges from references and DependsOn.
#include <vector>

#include "reconcile/manifest.h"

namespace driftless::reconcile {

// Depth of each resource (index-aligned with desired.resources): 0 for a
// resource without dependencies, else 1 + the deepest dependency. Resources of
// one depth can be observed or applied in parallel. A cycle (rejected by the
// loader; possible in a hand-built state) is cut rather than looped on.
std::vector<int> dependencyDepths(const DesiredState& desired);

}  // namespace driftless::reconcile
