#pragma once
// Observation of the live state (SPEC §4): every desired resource and every
// previously applied one, in parallel with a bound.
#include <cstddef>
#include <functional>

#include "providers/asio.h"
#include "reconcile/live_state.h"
#include "reconcile/manifest.h"
#include "reconcile/provider_set.h"
#include "state/state_types.h"

namespace driftless::reconcile {

struct ObserveOptions {
  std::size_t concurrency = 16;  // observe calls in flight at most
  // Given the pool's wait hook at the start of each depth level and an empty
  // one after it: an observe call that waits for something holding no request
  // (the bulk tag listing, common::TagSnapshot::onWait) calls hook(true), and
  // one more resource starts meanwhile; hook(false) when it resumes.
  std::function<void(std::function<void(bool)>)> setWaitHook;
};

// Observes desired ∪ lastApplied. Desired resources are observed in dependency
// depth order (all of a depth in parallel), so a property that refers to a
// dependency's attribute (a physical name built from another resource's Arn)
// is resolved from that dependency's observation first. Orphans are observed
// with their last applied properties and physical id. A failed observe is
// recorded in LiveResource::error, never thrown; no writes happen.
// Must run on the io_context the providers' clients use.
Awaitable<LiveState> observeAll(const DesiredState& desired,
                                const state::EnvironmentState& lastApplied, ProviderSet& providers,
                                const ObserveOptions& options = {});

// Value of Ref/GetAtt for an observed resource: attribute "" = Ref (the
// TypeInfo's refAttribute, else the physical id).
std::optional<Value> attributeOf(const TypeInfo* info, const Observed& observed,
                                 const std::string& attribute);

}  // namespace driftless::reconcile
