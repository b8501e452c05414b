#include "controller/replicas.h"

#include <algorithm>

namespace driftless::controller {

Replicas::Replicas(state::Store& store, std::string self, int environments,
                   std::chrono::milliseconds period)
    : store_(store), self_(std::move(self)), period_(period) {
  share_.environments = environments;
}

Awaitable<Result<void>> Replicas::beat(int holds) {
  state::ReplicaHeartbeat mine;
  mine.replica = self_;
  mine.expires = state::Clock::now() + period_;
  mine.holds = holds;
  mine.environments = share_.environments;
  auto wrote = co_await store_.writeHeartbeat(mine);
  if (!wrote) {
    lastError_ = "writing the heartbeat of " + self_ + ": " + wrote.error().message;
    co_return std::unexpected(wrote.error());
  }
  auto all = co_await store_.listHeartbeats();
  if (!all) {
    lastError_ = "reading the heartbeats of the other replicas: " + all.error().message;
    co_return std::unexpected(all.error());
  }
  auto now = state::Clock::now();
  Share next;
  next.environments = share_.environments;
  next.live = 1;
  std::vector<std::string> peers;
  for (const auto& hb : *all) {
    if (hb.replica == self_ || hb.expires <= now) continue;
    ++next.live;
    peers.push_back(hb.replica);
    next.leastPeerHolds = std::min(next.leastPeerHolds.value_or(hb.holds), hb.holds);
  }
  share_ = next;
  peers_ = std::move(peers);
  lastBeat_ = std::chrono::steady_clock::now();
  lastError_.clear();
  co_return Result<void>{};
}

Awaitable<void> Replicas::leave() {
  auto removed = co_await store_.removeHeartbeat(self_);
  (void)removed;  // it expires by itself anyway
}

bool Replicas::healthy() const {
  return lastBeat_ && std::chrono::steady_clock::now() - *lastBeat_ < period_;
}

}  // namespace driftless::controller
