#include "providers/common/tag_snapshot.h"

#include <algorithm>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>

#include "providers/aws/client.h"
#include "providers/common/owned.h"
#include "providers/compare.h"

namespace driftless::common {

namespace {

std::size_t sum(const std::map<std::string, std::size_t>& byStack) {
  std::size_t n = 0;
  for (const auto& [stack, count] : byStack)
    n += count;
  return n;
}

// A type of more than `perListing` resources: groups of whole stacks of at
// most n / ceil(n / perListing) resources (a larger stack is a group of its
// own) and at most kStacksPerListing stacks; one group lists the whole type.
void splitType(const std::string& type, const std::map<std::string, std::size_t>& byStack,
               std::size_t perListing, std::vector<TagListing>& out) {
  const std::size_t n = sum(byStack);
  const std::size_t chains = (n + perListing - 1) / perListing;
  const std::size_t target = (n + chains - 1) / chains;
  std::vector<TagListing> groups;
  std::size_t inGroup = 0;
  for (const auto& [stack, count] : byStack) {
    bool full = !groups.empty() &&
                (inGroup + count > target || groups.back().stacks.size() >= kStacksPerListing);
    if (groups.empty() || full) {
      groups.push_back(TagListing{{type}, {}});
      inGroup = 0;
    }
    groups.back().stacks.push_back(stack);
    inGroup += count;
  }
  if (groups.size() == 1) groups.front().stacks.clear();
  for (auto& g : groups)
    out.push_back(std::move(g));
}

// The tags other than driftless's own, by key (the last of a repeated key wins),
// each value as its scalar text: tagMap's view, without building a map.
struct TagView {
  std::string_view key;
  std::string text;
};

std::vector<TagView> userTags(const Value& tags) {
  std::vector<TagView> out;
  auto add = [&](std::string_view key, const Value* v) {
    if (!key.starts_with(kTagPrefix)) out.push_back({key, v ? v->scalarText() : std::string()});
  };
  if (tags.isArray()) {
    out.reserve(tags.asArray().size());
    for (const auto& t : tags.asArray())
      if (const Value* k = t.find("Key"); k && k->isString()) add(k->asString(), t.find("Value"));
  } else if (tags.isObject()) {
    for (const auto& [k, v] : tags.asObject())
      add(k, &v);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TagView& a, const TagView& b) { return a.key < b.key; });
  // keep the last of each run of equal keys
  auto last = std::unique(out.rbegin(), out.rend(),
                          [](const TagView& a, const TagView& b) { return a.key == b.key; });
  out.erase(out.begin(), last.base());
  return out;
}

// tagMap(a) == tagMap(b)
bool sameUserTags(const Value& a, const Value& b) {
  std::vector<TagView> x = userTags(a);
  std::vector<TagView> y = userTags(b);
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const TagView& p, const TagView& q) {
    return p.key == q.key && p.text == q.text;
  });
}

}  // namespace

std::vector<TagListing> splitListings(const TagCounts& counts, std::size_t perListing) {
  perListing = std::max<std::size_t>(1, perListing);
  std::size_t total = 0;
  for (const auto& [type, byStack] : counts)
    total += sum(byStack);
  std::vector<TagListing> out;
  if (counts.empty()) return out;
  if (total <= perListing) {
    TagListing all;
    for (const auto& [type, byStack] : counts)
      all.resourceTypes.push_back(type);
    out.push_back(std::move(all));
    return out;
  }
  // Types of at most perListing resources share listings, in order.
  std::size_t shared = 0;
  bool open = false;
  for (const auto& [type, byStack] : counts) {
    const std::size_t n = sum(byStack);
    if (n > perListing) {
      splitType(type, byStack, perListing, out);
      open = false;
      continue;
    }
    if (!open || shared + n > perListing) {
      out.push_back(TagListing{});
      shared = 0;
      open = true;
    }
    out.back().resourceTypes.push_back(type);
    shared += n;
  }
  return out;
}

Awaitable<Result<std::size_t>> TagSnapshot::list(const ProviderContext& ctx, TagListing listing) {
  Value filters = Value::array();
  filters.push(tagFilter(kTagController, ctx.controllerId));
  filters.push(tagFilter(kTagEnvironment, ctx.environment));
  if (!listing.stacks.empty()) {
    Value values = Value::array();
    for (auto& s : listing.stacks)
      values.push(Value(std::move(s)));
    Value stack = Value::object();
    stack["Key"] = Value(std::string(kTagStack));
    stack["Values"] = std::move(values);
    filters.push(std::move(stack));
  }
  Value types = Value::array();
  for (auto& t : listing.resourceTypes)
    types.push(Value(std::move(t)));
  std::size_t requests = 0;
  std::string token;
  do {
    Value body = Value::object();
    body["TagFilters"] = filters;
    body["ResourceTypeFilters"] = types;
    body["ResourcesPerPage"] = Value(100);
    if (!token.empty()) body["PaginationToken"] = Value(token);
    auto page = co_await ctx.aws->json("tagging", "GetResources", body);
    ++requests;
    if (!page) co_return std::unexpected(page.error());
    if (Value* list = page->find("ResourceTagMappingList"); list && list->isArray())
      for (auto& m : list->asArray()) {
        const Value* arn = m.find("ResourceARN");
        Value* tags = m.find("Tags");
        if (arn && arn->isString())
          byArn_[arn->asString()] = tags ? std::move(*tags) : Value::array();
      }
    const Value* next = page->find("PaginationToken");
    token = next && next->isString() ? next->asString() : "";
  } while (!token.empty());
  co_return requests;
}

Awaitable<Result<std::size_t>> TagSnapshot::load(const ProviderContext& ctx,
                                                 std::vector<std::string> resourceTypes) {
  std::vector<TagListing> one{TagListing{std::move(resourceTypes), {}}};
  co_return co_await load(ctx, std::move(one));
}

Awaitable<Result<std::size_t>> TagSnapshot::load(const ProviderContext& ctx,
                                                 std::vector<TagListing> listings) {
  byArn_.clear();
  loaded_ = false;
  struct Join {
    explicit Join(const asio::any_io_executor& ex)
        : done(ex, asio::steady_timer::time_point::max()) {}
    std::size_t left = 0;
    std::size_t requests = 0;
    std::optional<Error> error;
    asio::steady_timer done;
  };
  auto ex = co_await asio::this_coro::executor;
  auto join = std::make_shared<Join>(ex);
  join->left = listings.size();
  for (auto& listing : listings) {
    auto finished = [join](std::exception_ptr e, Result<std::size_t> r) {
      if (e) r = std::unexpected(Error::make(ErrorKind::Fatal, "tag listing failed"));
      if (r)
        join->requests += *r;
      else if (!join->error)
        join->error = std::move(r.error());
      if (--join->left == 0) join->done.cancel();
    };
    asio::co_spawn(ex, list(ctx, std::move(listing)), std::move(finished));
  }
  if (join->left > 0) {
    boost::system::error_code ec;
    co_await join->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  loaded_ = true;
  if (join->error) co_return std::unexpected(std::move(*join->error));
  co_return join->requests;
}

void TagSnapshot::start(const asio::any_io_executor& ex, const ProviderContext& ctx,
                        std::vector<TagListing> listings) {
  clear();
  loading_ = true;
  settled_ = std::make_shared<asio::steady_timer>(ex, asio::steady_timer::time_point::max());
  auto self = shared_from_this();
  auto finished = [self](std::exception_ptr e, Result<std::size_t> r) {
    if (e) r = std::unexpected(Error::make(ErrorKind::Fatal, "tag listing failed"));
    self->started_ = std::move(r);
    self->loading_ = false;
    self->settled_->cancel();
  };
  asio::co_spawn(ex, load(ctx, std::move(listings)), std::move(finished));
}

Awaitable<void> TagSnapshot::ready() {
  if (!loading_) co_return;
  auto self = shared_from_this();  // the hook and the timer outlive a clear()
  auto timer = settled_;
  if (onWait_) onWait_(true);
  boost::system::error_code ec;
  co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  if (self->onWait_) self->onWait_(false);
}

Awaitable<Result<std::size_t>> TagSnapshot::settle() {
  if (loading_) {
    auto timer = settled_;
    boost::system::error_code ec;
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  co_return started_ ? *started_ : Result<std::size_t>(0);
}

void TagSnapshot::clear() {
  byArn_.clear();
  loaded_ = false;
  started_.reset();
}

const Value* TagSnapshot::find(std::string_view arn) const {
  auto it = byArn_.find(std::string(arn));
  return it == byArn_.end() ? nullptr : &it->second;
}

std::optional<Value> agreedTags(const ProviderContext& ctx, const Desired& desired,
                                std::string_view arn) {
  if (!ctx.tagSnapshot || !ctx.tagSnapshot->loaded() || arn.empty()) return std::nullopt;
  const Value* tags = ctx.tagSnapshot->find(arn);
  if (!tags) return std::nullopt;
  auto owner = ownershipFromTags(*tags);
  if (!owner || *owner != ctx.ownership(desired.id)) return std::nullopt;
  if (const Value* want = desired.properties.find("Tags"); want && !sameUserTags(*want, *tags))
    return std::nullopt;
  return *tags;
}

Awaitable<std::optional<Value>> awaitAgreedTags(const ProviderContext& ctx, const Desired& desired,
                                                std::string arn) {
  if (std::shared_ptr<TagSnapshot> snapshot = ctx.tagSnapshot; snapshot && snapshot->loading())
    co_await snapshot->ready();
  co_return agreedTags(ctx, desired, arn);
}

}  // namespace driftless::common
