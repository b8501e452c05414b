#pragma once
#include "providers/registry.h"

namespace driftless::athena {

// Adds this service's resource types (TypeInfo and provider factory) to `r`.
void registerTypes(Registry& r);

}  // namespace driftless::athena
