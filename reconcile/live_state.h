#pragma once
// What observeAll() found (reconcile/observe.h), plan's input beside the desired
// and the last applied states.
#include <optional>
#include <string>
#include <unordered_map>

#include "providers/provider.h"

namespace driftless::reconcile {

// One resource as observed by observeAll().
struct LiveResource {
  ResourceId id;
  std::string type;
  const TypeInfo* info = nullptr;  // the registry's, when the type is still known
  // What observe was called with: desired properties resolved as far as the
  // already observed dependencies allowed (or, for an orphan, the last applied
  // ones) and the physical id looked up.
  Desired desired;
  std::optional<Observed> observed;  // nullopt when observe failed
  std::optional<Error> error;        // why observe failed (or the type has no provider)
};

struct LiveState {
  std::unordered_map<ResourceId, LiveResource> resources;
  // A resource renamed in git (its name differs from the one state recorded):
  // the resource still live under the old name, observed too, so the plan
  // replaces it instead of creating the new name beside it and losing the old.
  std::unordered_map<ResourceId, LiveResource> renamedFrom;
  const LiveResource* find(const ResourceId& id) const {
    auto it = resources.find(id);
    return it == resources.end() ? nullptr : &it->second;
  }
  const LiveResource* previous(const ResourceId& id) const {
    auto it = renamedFrom.find(id);
    return it == renamedFrom.end() ? nullptr : &it->second;
  }
};

}  // namespace driftless::reconcile
