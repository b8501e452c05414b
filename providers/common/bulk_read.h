#pragma once
// Reads in bulk from list APIs (issue 20): Lambda ListFunctions, Logs
// DescribeLogGroups, SSM GetParameters/DescribeParameters, KMS ListAliases,
// Secrets Manager ListSecrets, EventBridge ListRules. In a full
// observation the first observe of a type asks here for its resource's item;
// the cost model decides, once per observation and listing, whether one
// listing (pages of the account's resources, or of the managed ids
// themselves) is cheaper than one read per managed resource; when it is, the
// listing is made once (common/observe_batch.h) and every observe of the type
// finds its item in it; a resource the listing lacks is absent. When it is
// not, or the listing fails, every resource is read on its own.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "providers/asio.h"
#include "providers/common/json_service.h"
#include "providers/error.h"
#include "providers/provider.h"

namespace driftless::common {

class ObserveBatch;

// What one observation's reads of a type cost, either way.
struct BulkCost {
  std::size_t managed = 0;   // one read each when read one by one
  std::size_t pageSize = 1;  // resources a listing request returns
  // How many resources the listing covers (the account's functions, the log
  // groups under a prefix) as this process's previous listing found them;
  // nullopt before the first.
  std::optional<std::size_t> listed;
};

// Before any listing, the account is assumed to hold this many pages: a
// listing is made blind only for more managed resources than that (3 Lambda
// functions are read one by one; 11 or more are listed, and the listing
// teaches what the next cycle's costs).
inline constexpr std::size_t kAssumedPages = 10;

// Requests one listing takes: one per `pageSize` resources it covers (at
// least the managed ones), and at least one.
std::size_t listingRequests(const BulkCost& cost);
// Whether the listing takes fewer requests than one read per managed resource.
bool bulkIsCheaper(const BulkCost& cost);

// One page of a listing: its items and the token of the next (empty: the last).
struct ListedPage {
  std::vector<Value> items;
  std::string next;
};

// Everything one listing found, by id.
struct Listing {
  std::unordered_map<std::string, Value> byId;
};

struct BulkSource {
  std::string type;   // the type whose ids the observation expects
  std::string scope;  // what the listing covers: the key its size is learned by
  std::size_t pageSize = 1;
  // The listing's pages are the managed ids themselves, pageSize a request
  // (SSM GetParameters: 10 names): it covers exactly the managed resources.
  bool byIds = false;
  // One page: `token` empty for the first, else the previous page's `next`;
  // `ids` the names this request asks for (byIds), empty otherwise.
  std::function<Awaitable<Result<ListedPage>>(const std::string& token,
                                              const std::vector<std::string>& ids)>
      page;
  std::function<std::string(const Value&)> idOf;  // an item's id (its name)
};

// BulkSource::idOf for items named by one string field ("FunctionName").
std::function<std::string(const Value&)> idField(std::string field);

// One page of a JSON listing's answer: its items are the array `list`, the
// token of the next page the string `next` ("" after the last). `what` names
// the call ("lambda:ListFunctions") when the answer is unreadable (Transient).
Result<ListedPage> jsonPage(const Value* answer, std::string_view list, std::string_view next,
                            std::string_view what);

// A listing of pages by token (not by ids) of `type`'s items, named by their
// `field`.
BulkSource listingOf(std::string type, std::string scope, std::size_t pageSize, std::string field,
                     std::function<Awaitable<Result<ListedPage>>(const std::string& token)> page);

// A listing on a JSON protocol API (KMS, Secrets Manager, EventBridge), one
// row: {"kms", "ListAliases", "Limit", 100, "Marker", "Aliases", "NextMarker"}.
// The first page's body is the filters with `limitField` set to `pageSize`;
// each next page repeats it with the previous answer's `tokenOut` in `tokenIn`.
struct JsonListing {
  std::string service;     // "kms"
  std::string operation;   // "ListAliases"
  std::string limitField;  // the request's page size ("Limit")
  std::size_t pageSize;    // its largest value: the items a page holds at most
  std::string tokenIn;     // the request's field of the next page's token ("Marker")
  std::string list;        // the answer's array of items ("Aliases")
  std::string tokenOut;    // the answer's token of the next page ("NextMarker")
};

// listingOf for a JSON listing made with `ctx` (which must outlive it), of
// `type`'s items named by their `field`, with `filters` in every request; a
// failed page is classified with the call's context ("kms:ListAliases").
BulkSource jsonListingOf(const ProviderContext& ctx, std::string type, std::string scope,
                         std::string field, JsonListing listing, Value filters = Value::object());

// An item of this observation's listing, with what keeps it alive.
struct BulkFound {
  std::shared_ptr<const Listing> listing;
  const Value* item = nullptr;  // null: the listing has no such resource (absent)
};

// `id`'s item from this observation's one listing of `source.scope`, listed
// now when no observe has yet. nullopt when the caller reads on its own: the
// observation does not expect `id` (a targeted cycle, a create), the cost
// model prefers one read per resource, or the listing failed.
Awaitable<std::optional<BulkFound>> bulkFind(const ProviderContext& ctx, const BulkSource& source,
                                             const std::string& id);

// For a listing that lags writes (KMS ListAliases, Secrets Manager
// ListSecrets, EventBridge ListRules): `desired`, named `id`, observed from its item of this
// observation's listing (`fromItem`) when the cost model chose the listing
// and `provider` finds no drift from `desired` in the result; otherwise, and
// for a resource the listing lacks, `read` (the resource's own read). So
// absence and drift are always confirmed by the resource's own API.
using ItemObserver = std::function<Awaitable<Result<Observed>>(const Value& item)>;
using OwnRead = std::function<Awaitable<Result<Observed>>()>;
Awaitable<Result<Observed>> listedOrRead(const ProviderContext& ctx, const BulkSource& source,
                                         const Provider& provider, const Desired& desired,
                                         const std::string& id, const ItemObserver& fromItem,
                                         const OwnRead& read);

// A resource's live tags ([{Key, Value}]): when `observing` (a full
// observation's read, never the read after a write: the Tagging API lags
// writes), from the observation's Tagging API snapshot if they agree with the
// manifest (common/tag_snapshot.h, the type's TypeInfo::taggingType);
// otherwise the resource's own tag read, `api` of `id` (its ARN or id).
Awaitable<Result<Value>> liveTags(const ProviderContext& ctx, const JsonTagApi& api,
                                  const Desired& desired, const std::string& id,
                                  const std::string& arn, bool observing);

// The longest prefix the ids share ("" for none): the narrowest listing by
// name prefix that covers them all (DescribeLogGroups' logGroupNamePrefix).
std::string commonPrefix(const std::vector<std::string>& ids);

// commonPrefix of the ids of `type` this observation expects, computed once
// per observation ("" with no full observation).
Awaitable<std::string> expectedPrefix(const ProviderContext& ctx, const std::string& type);

}  // namespace driftless::common
