#pragma once
// The one dependency graph of reconcile/: nodes 0..n-1, each with the nodes it
// depends on. The loader finds cycles on it (checkCycles), observe and plan
// order resources by its depths (desired dependencies-first; orphans
// dependents-first, on the reverse edges).
#include <cstddef>
#include <vector>

#include "reconcile/manifest.h"

namespace driftless::reconcile {

struct DependencyGraph {
  std::vector<std::vector<std::size_t>> dependsOn;  // per node, in declaration order

  // Depth of each node: 0 without dependencies, else 1 + the deepest
  // dependency. Nodes of one depth can be observed or applied in parallel. A
  // cycle (rejected by the loader; possible in a hand-built state) is cut
  // rather than looped on.
  std::vector<int> depths() const;
  // The cycles a depth-first walk (nodes in index order, edges in order) meets,
  // each set of members once, each as the path from where it closes.
  std::vector<std::vector<std::size_t>> cycles() const;

  // Edges from references and DependsOn of a desired state (index-aligned with
  // desired.resources).
  static DependencyGraph of(const DesiredState& desired);
};

// DependencyGraph::of(desired).depths().
std::vector<int> dependencyDepths(const DesiredState& desired);

}  // namespace driftless::reconcile
