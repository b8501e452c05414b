#include "providers/common/bulk_read.h"

#include <algorithm>
#include <utility>

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/observe_batch.h"
#include "providers/common/tag_snapshot.h"

namespace driftless::common {

std::size_t listingRequests(const BulkCost& cost) {
  const std::size_t page = std::max<std::size_t>(cost.pageSize, 1);
  const std::size_t covered =
      std::max(cost.managed, cost.listed.value_or(std::max(cost.managed, kAssumedPages * page)));
  return std::max<std::size_t>(1, (covered + page - 1) / page);
}

bool bulkIsCheaper(const BulkCost& cost) {
  return cost.managed > 0 && listingRequests(cost) < cost.managed;
}

Result<ListedPage> jsonPage(const Value* answer, std::string_view list, std::string_view next,
                            std::string_view what) {
  const Value* items = answer ? answer->find(list) : nullptr;
  if (!items || !items->isArray())
    return fail(ErrorKind::Transient, std::string(what) + ": unreadable answer");
  ListedPage page;
  page.items = items->asArray();
  if (const Value* token = answer->find(next); token && token->isString())
    page.next = token->asString();
  return page;
}

std::function<std::string(const Value&)> idField(std::string field) {
  return [field = std::move(field)](const Value& item) {
    const Value* v = item.find(field);
    return v ? v->scalarText() : std::string();
  };
}

BulkSource listingOf(std::string type, std::string scope, std::size_t pageSize, std::string field,
                     std::function<Awaitable<Result<ListedPage>>(const std::string& token)> page) {
  BulkSource source{.type = std::move(type), .scope = std::move(scope), .pageSize = pageSize};
  source.page = [page = std::move(page)](const std::string& token,
                                         const std::vector<std::string>&) { return page(token); };
  source.idOf = idField(std::move(field));
  return source;
}

namespace {

Awaitable<Result<ListedPage>> jsonListingPage(const ProviderContext& ctx,
                                              const JsonListing& listing, const Value& request,
                                              const std::string& token) {
  Value body = request;
  if (!token.empty()) body[listing.tokenIn] = Value(token);
  const std::string what = listing.service + ":" + listing.operation;
  auto r = co_await ctx.aws->json(listing.service, listing.operation, body);
  if (!r) co_return fail(withContext(r.error(), what, "the listing " + what));
  co_return jsonPage(&*r, listing.list, listing.tokenOut, what);
}

}  // namespace

BulkSource jsonListingOf(const ProviderContext& ctx, std::string type, std::string scope,
                         std::string field, JsonListing listing, Value filters) {
  const ProviderContext* c = &ctx;
  const std::size_t pageSize = listing.pageSize;
  filters[listing.limitField] = Value(static_cast<std::int64_t>(pageSize));
  auto shared =
      std::make_shared<const std::pair<JsonListing, Value>>(std::move(listing), std::move(filters));
  return listingOf(std::move(type), std::move(scope), pageSize, std::move(field),
                   [c, shared](const std::string& token) {
                     return jsonListingPage(*c, shared->first, shared->second, token);
                   });
}

std::string commonPrefix(const std::vector<std::string>& ids) {
  if (ids.empty()) return "";
  std::string prefix = ids.front();
  for (const auto& id : ids) {
    const auto [a, b] = std::mismatch(prefix.begin(), prefix.end(), id.begin(), id.end());
    prefix.erase(a, prefix.end());
  }
  return prefix;
}

namespace {

using Loaded = ObserveBatch::Loaded;

// Every page of a listing (at most 1,000: a listing that never ends is a
// failure, and every resource is then read on its own); null when one failed.
Awaitable<std::shared_ptr<Listing>> listAll(const BulkSource& source) {
  auto all = std::make_shared<Listing>();
  const std::vector<std::string> none;
  std::string token;
  for (int n = 0; n < 1000; ++n) {
    auto page = co_await source.page(token, none);
    if (!page) co_return nullptr;
    for (auto& item : page->items)
      all->byId.insert_or_assign(source.idOf(item), std::move(item));
    if (page->next.empty()) co_return all;
    token = std::move(page->next);
  }
  co_return nullptr;
}

// The managed ids, `pageSize` a request; null when one request failed.
Awaitable<std::shared_ptr<Listing>> readIds(const BulkSource& source,
                                            const std::vector<std::string>& ids) {
  auto all = std::make_shared<Listing>();
  const std::string first;
  for (std::size_t from = 0; from < ids.size(); from += source.pageSize) {
    const auto begin = ids.begin() + static_cast<std::ptrdiff_t>(from);
    const std::vector<std::string> chunk(
        begin, begin + static_cast<std::ptrdiff_t>(std::min(source.pageSize, ids.size() - from)));
    auto page = co_await source.page(first, chunk);
    if (!page) co_return nullptr;
    for (auto& item : page->items)
      all->byId.insert_or_assign(source.idOf(item), std::move(item));
  }
  co_return all;
}

// The cost decision and, when the listing is cheaper, the listing: made once
// per observation and scope, so every observe of the type agrees.
Awaitable<Loaded> decideAndList(ObserveBatch& batch, const BulkSource& source,
                                const std::vector<std::string>& ids) {
  const BulkCost cost{.managed = ids.size(),
                      .pageSize = source.pageSize,
                      .listed = source.byIds ? std::optional<std::size_t>(ids.size())
                                             : batch.learned(source.scope)};
  if (!bulkIsCheaper(cost)) co_return nullptr;
  if (source.byIds) co_return co_await readIds(source, ids);
  std::shared_ptr<Listing> listing = co_await listAll(source);
  if (listing) batch.learn(source.scope, listing->byId.size());
  co_return listing;
}

}  // namespace

Awaitable<std::optional<BulkFound>> bulkFind(const ProviderContext& ctx, const BulkSource& source,
                                             const std::string& id) {
  ObserveBatch* batch = ctx.observeBatch.get();
  if (id.empty() || !batch || !batch->expects(source.type, id)) co_return std::nullopt;
  const std::vector<std::string>& ids = batch->ids(source.type);
  ObserveBatch::Reader reader = [batch, &source, &ids] {
    return decideAndList(*batch, source, ids);
  };
  const std::string key = "bulk#" + source.scope;
  auto loaded = co_await batch->once(key, std::move(reader));
  auto listing = std::static_pointer_cast<const Listing>(loaded);
  if (!listing) co_return std::nullopt;
  auto it = listing->byId.find(id);
  co_return BulkFound{listing, it == listing->byId.end() ? nullptr : &it->second};
}

Awaitable<Result<Observed>> listedOrRead(const ProviderContext& ctx, const BulkSource& source,
                                         const Provider& provider, const Desired& desired,
                                         const std::string& id, const ItemObserver& fromItem,
                                         const OwnRead& read) {
  auto listed = co_await bulkFind(ctx, source, id);
  if (listed && listed->item) {
    auto o = co_await fromItem(*listed->item);
    if (!o || (o->exists && provider.diff(desired, *o).empty())) co_return o;
  }
  co_return co_await read();
}

Awaitable<Result<Value>> liveTags(const ProviderContext& ctx, const JsonTagApi& api,
                                  const Desired& desired, const std::string& id,
                                  const std::string& arn, bool observing) {
  if (observing) {
    std::string arnText = arn;
    std::optional<Value> agreed = co_await awaitAgreedTags(ctx, desired, std::move(arnText));
    if (agreed) co_return std::move(*agreed);
  }
  co_return co_await listTags(*ctx.aws, api, id);
}

Awaitable<std::string> expectedPrefix(const ProviderContext& ctx, const std::string& type) {
  ObserveBatch* batch = ctx.observeBatch.get();
  if (!batch || batch->ids(type).empty()) co_return std::string();
  ObserveBatch::Reader reader = [batch, &type]() -> Awaitable<Loaded> {
    co_return std::make_shared<const std::string>(commonPrefix(batch->ids(type)));
  };
  const std::string key = "prefix#" + type;
  auto loaded = co_await batch->once(key, std::move(reader));
  co_return loaded ? *std::static_pointer_cast<const std::string>(loaded) : std::string();
}

}  // namespace driftless::common
