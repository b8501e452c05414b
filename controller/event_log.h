#pragma once
// Reconcile events into the process log (controller/logging.h): readable lines
// on a terminal, JSON lines with --log-format json.
#include "controller/events.h"

namespace driftless::controller {

void logEvent(const Event& event);

}  // namespace driftless::controller
