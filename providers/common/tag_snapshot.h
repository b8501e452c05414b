#pragma once
// Tags in bulk (issue 20): one paginated Resource Groups Tagging API listing
// (GetResources, 100 resources a page, filtered on the environment's ownership
// tags) gives the tags of every resource the environment owns, instead of one
// List*Tags call per resource. reconcile's observeAll() loads it before a full
// observation and clears it after; a provider takes a resource's tags from it
// only when they are exactly what the manifest wants (agreedTags), and reads
// the resource's own tags otherwise. So drift is always confirmed by the
// resource's own API, and the Tagging API's lag behind a recent write (it is
// eventually consistent) never shows as drift.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "providers/asio.h"
#include "providers/error.h"
#include "providers/provider.h"

namespace driftless::common {

class TagSnapshot {
 public:
  // Below this many resources of bulk-tagged types, per-resource reads cost
  // no more than the listing: the snapshot is not loaded.
  static constexpr std::size_t kWorthFrom = 2;

  // Lists the tags of every resource of `resourceTypes` ("sqs", "s3",
  // "dynamodb:table": the Tagging API's filters) carrying the controller and
  // environment ownership tags of `ctx`. Returns the number of requests made.
  Awaitable<Result<std::size_t>> load(const ProviderContext& ctx,
                                      std::vector<std::string> resourceTypes);
  void clear();
  bool loaded() const { return loaded_; }

  // The tags ([{Key, Value}]) of `arn`, when the snapshot holds it.
  const Value* find(std::string_view arn) const;

 private:
  std::unordered_map<std::string, Value> byArn_;
  bool loaded_ = false;
};

// The live tags of `arn` from the environment's loaded snapshot, when they
// are exactly what `desired` wants: its four ownership tags and, when the
// manifest manages Tags, exactly its tags. Otherwise nullopt: the caller reads
// the resource's own tags (and sees the drift, if there is one).
std::optional<Value> agreedTags(const ProviderContext& ctx, const Desired& desired,
                                std::string_view arn);

}  // namespace driftless::common
