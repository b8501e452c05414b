#pragma once
#include "providers/registry.h"

namespace driftless::ec2 {

// Adds this service's resource types (TypeInfo and provider factory) to `r`.
void registerTypes(Registry& r);

}  // namespace driftless::ec2
