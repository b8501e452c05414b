#pragma once
// Lease holders are named "<controller id>@<host>:<pid>" (Runtime::holderId).
// A holder of this controller id on this host whose process no longer exists
// crashed: a restarted controller takes its lease at once rather than after
// the lease's time-to-live (a systemd restart would otherwise wait up to 10 min).
#include <string_view>

namespace driftless::state {

// True when `lockHolder` names the same controller id and host as `self`, a
// different pid, and that pid is not a live process here.
bool holderDiedOnThisHost(std::string_view lockHolder, std::string_view self);

}  // namespace driftless::state
