#pragma once
// The one-shot commands (plan, apply, history, drift, state rebuild) run a
// coroutine on their own io_context against the same Runtime the daemon uses.
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "controller/config.h"
#include "controller/runtime.h"

namespace driftless::controller {

// Builds a Runtime for `envs` of `config`, runs `body` to completion, returns
// its exit code. Start-up errors are one line on `err` (prefixed with `command`), exit 1.
// With logEvents, reconcile events go to the process log (stderr).
int runOneShot(const std::string& command, const config::ControllerConfig& config,
               const std::vector<std::string>& envs, bool logEvents, std::ostream& err,
               const std::function<Awaitable<int>(Runtime&)>& body);

// Keeps `p` alive until the process exits, and does not destroy it then: the
// OS takes the pages back at once. A one-shot cycle's state, observations and
// plan are millions of small nodes at 10,000 resources, and freeing them one
// by one took 0.2 s of wall and CPU after the plan was printed (compilers end
// the same way). Reachable from a static, so leak checkers do not report it.
void keepUntilExit(std::shared_ptr<void> p);

}  // namespace driftless::controller
