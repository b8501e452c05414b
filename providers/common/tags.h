#pragma once
// Tag lists for providers: manifests use [{Key, Value}]; services use lists,
// maps or XML members. Ownership tags (driftless:*) are never part of the
// manifest's set but are always kept on an owned resource.
#include <string>
#include <vector>

#include "providers/provider.h"
#include "providers/value.h"

namespace driftless::common {

// {Key: Value} → [{Key, Value}], sorted by key.
Value tagList(const Value::Object& tags);

// The full tag set a resource is created with: the manifest's Tags (if any)
// plus the ownership tags ([{Key, Value}] from ProviderContext::ownershipTags).
Value::Object createTags(const Value* desiredTags, const Value& ownershipTags);

// What to send to a service's tag/untag APIs to go from `live` (every tag on
// the resource, ownership included) to the manifest's set plus ownership.
struct TagChange {
  Value::Object set;                // tags to add or overwrite
  std::vector<std::string> remove;  // keys to remove
  bool empty() const { return set.empty() && remove.empty(); }
};
// `desiredTags` null = Tags not managed (only ownership is ensured, when given).
// `ownershipTags` null = leave ownership tags as they are. Keys starting with
// "aws:" are reserved by AWS and never touched.
TagChange tagChange(const Value* desiredTags, const Value& liveTags, const Value* ownershipTags);
// The same, ensuring the ownership tags (create, adopt, update of an owned resource).
inline TagChange tagChange(const Value* desiredTags, const Value& liveTags,
                           const Value& ownershipTags) {
  return tagChange(desiredTags, liveTags, &ownershipTags);
}

// The one tag planner of an update: the manifest's Tags when `delta` changes
// them, the ownership tags when adopting or when the resource carries none.
TagChange tagUpdate(const ProviderContext& ctx, const Desired& desired, const Observed& live,
                    const Delta& delta);
// live.properties.Tags, or an empty list.
Value liveTags(const Observed& live);

// Records the live tags (as the manifest writes them: a list, or SSM's map) in
// live.properties.Tags and the owner their ownership tags name.
void setLiveTags(Observed& live, Value tags);

// The resulting full set after applying `change` to `liveTags`.
Value::Object applyTagChange(const Value& liveTags, const TagChange& change);

}  // namespace driftless::common
