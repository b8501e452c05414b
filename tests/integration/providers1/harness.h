#pragma once
// The storage-and-messaging providers run against the binary's plain moto server
// (and, for DynamoDB's waits, dynalite through Harness::Options::endpoint).
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"
