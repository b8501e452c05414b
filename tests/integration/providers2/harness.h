#pragma once
// The identity-and-compute providers run against a moto server with AWS managed
// policies loaded, so managed policy ARNs exist.
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto({.loadIamManagedPolicies = true});
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"
