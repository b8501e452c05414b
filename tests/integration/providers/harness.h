#pragma once
// The provider integration tests, one file per service folder (providers/<service>/
// -> <service>_test.cpp), run against their binary's moto server with AWS managed
// policies loaded (so managed policy ARNs exist); a test that needs another peer
// (dynalite for DynamoDB's waits) says so in its Harness::Options.
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto({.loadIamManagedPolicies = true});
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"
