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
  const LiveResource* find(const ResourceId& id) const {
    auto it = resources.find(id);
    return it == resources.end() ? nullptr : &it->second;
  }
};

}  // namespace driftless::reconcile
