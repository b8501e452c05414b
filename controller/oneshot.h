#pragma once
// The one-shot commands (plan, apply, history, drift, state rebuild) run a
// coroutine on their own io_context against the same Runtime the daemon uses.
#include <functional>
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

}  // namespace driftless::controller
