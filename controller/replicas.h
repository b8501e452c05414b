#pragma once
// Replicas that share environments (operations.md, "Running several
// replicas"). Every `driftless run` writes a heartbeat object to the state
// store every lease period / 3 (live for one lease period) and reads the
// others'. From the live count R and the E environments it decides how many
// leases it may hold: it looks for more only below ceil(E / R), holds at most
// ceil(E / R) + 1 (surplus goes back); above floor(E / R), while
// another live replica holds less than that, it gives one back between cycles.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "providers/asio.h"
#include "providers/value.h"
#include "state/store.h"

namespace driftless::controller {

// The arithmetic of sharing, apart from the store (unit-tested).
struct Share {
  int environments = 0;
  int live = 1;  // live replicas, this one included (never below 1)
  // The least any live peer holds (nullopt: no peer).
  std::optional<int> leastPeerHolds;

  int fair() const { return (environments + live - 1) / live; }  // ceil(E / R)
  int quota() const { return fair() + 1; }
  int floorShare() const { return environments / live; }
  bool peerBelowShare() const { return leastPeerHolds && *leastPeerHolds < floorShare(); }
  // May a replica holding `holds` leases look for one more? Only below its fair
  // share (a replica at its share makes no lease requests: a dead peer shows as
  // a smaller R, which raises the share). While a peer is below floor(E / R), a
  // replica at or above it leaves free leases to it.
  bool mayAcquire(int holds) const {
    if (holds >= fair()) return false;
    return holds < floorShare() || !peerBelowShare();
  }
  // How many leases a replica holding `holds` gives back now.
  int surplus(int holds) const {
    if (holds > quota()) return holds - quota();
    // Above the floor while a peer is below it: one back (30 over 4: 8/8/8/6 -> 8/7/8/7).
    if (holds > floorShare() && peerBelowShare()) return 1;
    return 0;
  }
};

class Replicas {
 public:
  // `period`: the lease period (time-to-live) heartbeats live for.
  Replicas(state::Store& store, std::string self, int environments,
           std::chrono::milliseconds period);

  // One round: writes this replica's heartbeat (holding `holds` leases) and
  // reads every live one. An error leaves the previous view in place.
  Awaitable<Result<void>> beat(int holds);
  // On clean stop: the others see one replica less at once.
  Awaitable<void> leave();

  const Share& share() const { return share_; }
  std::chrono::milliseconds period() const { return period_; }
  // The last heartbeat was written less than a lease period ago.
  bool healthy() const;
  bool started() const { return lastBeat_.has_value(); }
  const std::string& lastError() const { return lastError_; }
  const std::vector<std::string>& peers() const { return peers_; }
  const std::string& self() const { return self_; }

 private:
  state::Store& store_;
  std::string self_;
  std::chrono::milliseconds period_;
  Share share_;
  std::vector<std::string> peers_;  // live replicas other than this one
  std::optional<std::chrono::steady_clock::time_point> lastBeat_;
  std::string lastError_;
};

}  // namespace driftless::controller
