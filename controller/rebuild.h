#pragma once
// `driftless state rebuild`: a lost or corrupt state.json rebuilt from what is
// live and carries this controller's ownership tags.
#include <string>

#include "controller/runtime.h"

namespace driftless::controller {

struct RebuildReport {
  std::string commit;
  std::size_t adopted = 0;     // owned by us: back in state
  std::size_t absent = 0;      // desired but not live
  std::size_t foreign = 0;     // live but owned by someone else (left out)
  std::size_t unobserved = 0;  // observe failed
};

// Observes every resource the branch head declares and keeps those whose
// ownership tags name this controller, environment, stack and logical id.
// Properties recorded are the live values of the managed paths, so the next
// cycle plans the difference to the manifests as a change. Takes the lease.
Awaitable<Result<RebuildReport>> rebuildState(Runtime& runtime, EnvironmentRuntime& env);

}  // namespace driftless::controller
