#pragma once
#include "providers/registry.h"

namespace driftless {

// Every AWS resource type driftless supports. Adding a type: one folder under
// providers/<service>/ and one line in builtin.cpp.
const Registry& builtinRegistry();

}  // namespace driftless
