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
  // Observations made ahead of the manifests (observeApplied, from the same
  // last applied state): one whose input (the Desired that observe would be
  // called with) is exactly what observeAll would send is taken over, and
  // removed from here, instead of read again; the rest are read as usual.
  // Null: everything is read.
  LiveState* prior = nullptr;
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
// The same, where each read of a resource with nothing to resolve in its
// properties (no reference to a dependency's attribute) borrows them from
// `desired` and gives them back, instead of working on a copy (at 10,000
// resources the copies held about 15 MiB through the observation): `desired`
// is as it was when this returns, nothing else may read it meanwhile, and the
// returned LiveResources of those reads hold no properties.
Awaitable<LiveState> observeAll(DesiredState& desired, const state::EnvironmentState& lastApplied,
                                ProviderSet& providers, const ObserveOptions& options = {});

// Observes what `lastApplied` records, as last applied (its properties, physical
// id and adopt flag), before the manifests are loaded: the cycle of a commit
// already applied reads while they load, and observeAll takes these over
// (ObserveOptions::prior) where the loaded manifests ask for exactly the same.
// Resources without a physical id and those with a secret property (state keeps
// a keyed hash of it, never what observe would be given) are left to observeAll.
// Each read borrows its resource's properties from `lastApplied` and gives them
// back (no copy of them is kept): `lastApplied` is as it was when this returns,
// and it must be the state observeAll is given with these reads as its prior
// (their properties are compared with it); nothing else may read it meanwhile.
Awaitable<LiveState> observeApplied(state::EnvironmentState& lastApplied, ProviderSet& providers,
                                    const ObserveOptions& options = {});

// Value of Ref/GetAtt for an observed resource: attribute "" = Ref (the
// TypeInfo's refAttribute, else the physical id).
std::optional<Value> attributeOf(const TypeInfo* info, const Observed& observed,
                                 const std::string& attribute);

}  // namespace driftless::reconcile
