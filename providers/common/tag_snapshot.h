#pragma once
// Tags in bulk (issue 20): Resource Groups Tagging API listings (GetResources,
// 100 resources a page, filtered on the environment's ownership tags) give the
// tags of every resource the environment owns, instead of one List*Tags call
// per resource. reconcile's observation loads it and clears it after; a
// provider takes a resource's tags from it only when they are exactly what the
// manifest wants (agreedTags), and reads the resource's own tags otherwise. So
// drift is always confirmed by the resource's own API, and the Tagging API's
// lag behind a recent write (it is eventually consistent) never shows as drift.
//
// The wall time of a large observation: a listing's pages go one at a time
// (each needs the previous page's token), so one listing of 10,000 resources
// is hundreds of sequential round trips. The observation therefore splits it
// into independent listings (splitListings: per resource type, and a large
// type by groups of stacks), runs them side by side, and can run them while
// the resources' own reads go (start() + awaitAgreedTags()): a provider makes
// its own read first and only then waits for the listings, holding no request.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "providers/asio.h"
#include "providers/error.h"
#include "providers/provider.h"

namespace driftless::common {

// One GetResources pagination: the resources of `resourceTypes` ("sqs",
// "dynamodb:table") carrying the environment's ownership tags, and, when
// `stacks` is not empty, a driftless:stack tag among `stacks`.
struct TagListing {
  std::vector<std::string> resourceTypes;
  std::vector<std::string> stacks;
  bool operator==(const TagListing&) const = default;
};

// Tagging type → stack → resources of the observation.
using TagCounts = std::map<std::string, std::map<std::string, std::size_t>>;

// The listings that cover `counts`, each of about `perListing` resources at
// most: one listing of every type when they are that few (the request of a
// small environment is one chain, as before); otherwise small types share a
// listing and a larger type is split into groups of whole stacks (at most
// kStacksPerListing values in one tag filter, AWS's limit). Deterministic: the
// same counts give the same requests.
inline constexpr std::size_t kResourcesPerListing = 200;
inline constexpr std::size_t kStacksPerListing = 20;
std::vector<TagListing> splitListings(const TagCounts& counts,
                                      std::size_t perListing = kResourcesPerListing);

class TagSnapshot : public std::enable_shared_from_this<TagSnapshot> {
 public:
  // Below this many resources of bulk-tagged types, per-resource reads cost
  // no more than the listing: the snapshot is not loaded.
  static constexpr std::size_t kWorthFrom = 2;

  // Lists the tags of every resource of `resourceTypes` ("sqs", "s3",
  // "dynamodb:table": the Tagging API's filters) carrying the controller and
  // environment ownership tags of `ctx`. Returns the number of requests made.
  Awaitable<Result<std::size_t>> load(const ProviderContext& ctx,
                                      std::vector<std::string> resourceTypes);
  // The same for `listings`, side by side. A listing that fails costs only
  // itself: what the others listed stays, the error is returned (the
  // resources it would have listed read their own tags).
  Awaitable<Result<std::size_t>> load(const ProviderContext& ctx, std::vector<TagListing> listings);

  // Starts load(ctx, listings) in the background and returns at once: callers
  // of awaitAgreedTags() wait for it. `ctx` must outlive it; settle() waits
  // for it and returns its result.
  void start(const asio::any_io_executor& ex, const ProviderContext& ctx,
             std::vector<TagListing> listings);
  Awaitable<Result<std::size_t>> settle();
  bool loading() const { return loading_; }
  // Called with true when an observer starts waiting for a started load, and
  // with false when it resumes: the observation lets one more resource run
  // meanwhile (a waiting observer holds no request). Empty: nothing is called.
  void onWait(std::function<void(bool)> hook) { onWait_ = std::move(hook); }
  // Waits for a started load (at once when none runs), calling onWait's hook.
  Awaitable<void> ready();

  void clear();
  bool loaded() const { return loaded_; }

  // The tags ([{Key, Value}]) of `arn`, when the snapshot holds it.
  const Value* find(std::string_view arn) const;

 private:
  Awaitable<Result<std::size_t>> list(const ProviderContext& ctx, TagListing listing);

  std::unordered_map<std::string, Value> byArn_;
  bool loaded_ = false;
  bool loading_ = false;
  std::optional<Result<std::size_t>> started_;   // the started load's result, once settled
  std::shared_ptr<asio::steady_timer> settled_;  // cancelled when the started load ends
  std::function<void(bool)> onWait_;
};

// The live tags of `arn` from the environment's loaded snapshot, when they
// are exactly what `desired` wants: its four ownership tags and, when the
// manifest manages Tags, exactly its tags. Otherwise nullopt: the caller reads
// the resource's own tags (and sees the drift, if there is one).
std::optional<Value> agreedTags(const ProviderContext& ctx, const Desired& desired,
                                std::string_view arn);
// The same, after waiting for a load the observation started (start()): a
// provider calls it after its own first read, so the listing and the reads
// overlap.
Awaitable<std::optional<Value>> awaitAgreedTags(const ProviderContext& ctx, const Desired& desired,
                                                std::string arn);

}  // namespace driftless::common
