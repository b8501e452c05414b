#include "providers/ec2/tagged.h"

#include <algorithm>
#include <unordered_map>

#include "providers/common/errors.h"
#include "providers/common/observe_batch.h"
#include "providers/common/tags.h"
#include "providers/compare.h"
#include "providers/ec2/ec2_api.h"

namespace driftless::ec2 {

Awaitable<Result<aws::Xml>> TaggedProvider::ec2(std::string_view action, aws::Params params,
                                                std::string_view resource) const {
  co_return co_await call(ctx_, action, std::move(params), resource);
}

Awaitable<Result<std::string>> TaggedProvider::createCall(std::string_view action,
                                                          aws::Params params,
                                                          const Desired& desired,
                                                          const char* parent,
                                                          const char* idField) const {
  const std::string what = desired.id.str();
  auto r = co_await ec2(action, std::move(params), what);
  if (!r) co_return fail(r.error());
  std::string id = text(parent ? r->result.child(parent) : r->result, idField);
  if (id.empty())
    co_return fail(ErrorKind::Fatal,
                   "ec2:" + std::string(action) + ": no " + idField + " in the response");
  co_return id;
}

namespace {

// The resources a Describe* of `kind` answered (through `innerSet` when set).
std::vector<pugi::xml_node> describedItems(pugi::xml_node result, const Kind& kind) {
  std::vector<pugi::xml_node> out = items(result, kind.setName);
  if (!kind.innerSet) return out;
  std::vector<pugi::xml_node> inner;
  for (pugi::xml_node group : out)
    for (pugi::xml_node item : items(group, kind.innerSet))
      inner.push_back(item);
  return inner;
}

}  // namespace

std::vector<pugi::xml_node> TaggedProvider::described(pugi::xml_node result) const {
  return describedItems(result, kind_);
}

Awaitable<Result<Observed>> TaggedProvider::describe(const Desired& desired, const std::string& id,
                                                     bool adopting) {
  aws::Params params;
  int n = 1;
  if (id.empty())
    addOwnershipFilters(params, n, ctx_, desired.id);
  else if (!kind_.idParam.empty())
    params.emplace_back(std::string(kind_.idParam), id);
  else
    addFilter(params, n, kind_.idFilter, id);
  const std::string what = id.empty() ? desired.id.str() : label(id);
  auto r = co_await ec2(kind_.describeAction, std::move(params), what);
  if (!r && !id.empty() && !kind_.idParam.empty() && common::isNotFound(r.error()))
    co_return Observed{};
  if (!r) co_return fail(r.error());
  // The filters already chose; checked again here, as moto ignores some of them
  // (DescribeNatGateways' tag: filters).
  const Ownership owner = ctx_.ownership(desired.id);
  std::vector<pugi::xml_node> matches;
  for (pugi::xml_node candidate : described(r->result))
    if (!gone(candidate) && (id.empty() ? ownershipFromTags(tagsOf(candidate)) == owner
                                        : text(candidate, kind_.idField) == id))
      matches.push_back(candidate);
  if (matches.empty()) co_return Observed{};
  // Found by its tags twice or more: a retried Create* left a twin and the
  // process died before removeTwins. Absent to observe, so the plan's create
  // adopts the first and deletes the others.
  if (id.empty() && matches.size() > 1 && !adopting) co_return Observed{};
  co_return co_await observedFrom(desired, matches.front());
}

Awaitable<Result<Observed>> TaggedProvider::observedFrom(const Desired& desired,
                                                         pugi::xml_node item) {
  Observed o = common::found(text(item, kind_.idField));
  read(item, o);
  common::setLiveTags(o, tagsOf(item));
  auto more = co_await readMore(desired, o);
  if (!more) co_return fail(more.error());
  co_return o;
}

namespace {

using Loaded = common::ObserveBatch::Loaded;

// EC2 takes at most 200 values in one filter.
constexpr std::size_t kIdsPerCall = 200;

// The ids as the `idFilter` filter, or as `idParam`.N for the kinds whose
// filter the emulator lacks: such a Describe fails as a whole when one id is
// gone (InvalidVpcEndpointId.NotFound), and the bulk read then falls back to
// reading one by one.
aws::Params idsParams(const Kind& kind, const std::vector<std::string>& ids) {
  aws::Params params;
  if (kind.idParam.empty()) {
    int n = 1;
    addFilter(params, n, kind.idFilter, ids);
    return params;
  }
  const std::string_view base = kind.idParam.substr(0, kind.idParam.rfind('.'));
  for (std::size_t i = 0; i < ids.size(); ++i)
    params.emplace_back(std::string(base) + "." + std::to_string(i + 1), ids[i]);
  return params;
}

Awaitable<Loaded> describeAll(const ProviderContext& ctx, const Kind& kind,
                              const std::vector<std::string>& ids) {
  auto all = std::make_shared<Described>();
  const std::string what = std::string(kind.noun) + "s of this environment";
  for (std::size_t from = 0; from < ids.size(); from += kIdsPerCall) {
    const auto first = ids.begin() + static_cast<std::ptrdiff_t>(from);
    const std::vector<std::string> chunk(
        first, first + static_cast<std::ptrdiff_t>(std::min(kIdsPerCall, ids.size() - from)));
    aws::Params params = idsParams(kind, chunk);
    auto r = co_await call(ctx, kind.describeAction, std::move(params), what);
    if (!r) co_return nullptr;
    for (pugi::xml_node item : describedItems(r->result, kind))
      all->byId.emplace(text(item, kind.idField), item);
    all->answers.push_back(std::move(*r));
  }
  co_return all;
}

}  // namespace

Awaitable<std::shared_ptr<const Described>> inVpcs(const ProviderContext& ctx, const Kind& kind) {
  common::ObserveBatch* batch = ctx.observeBatch.get();
  if (!batch) co_return nullptr;
  const std::vector<std::string>& vpcs = batch->ids("AWS::EC2::VPC");
  if (vpcs.empty() || vpcs.size() > kIdsPerCall) co_return nullptr;
  common::ObserveBatch::Reader reader = [&ctx, &kind, &vpcs]() -> Awaitable<Loaded> {
    aws::Params params;
    int n = 1;
    addFilter(params, n, "vpc-id", vpcs);
    const std::string what = std::string(kind.noun) + "s of this environment's vpcs";
    auto r = co_await call(ctx, kind.describeAction, std::move(params), what);
    if (!r) co_return nullptr;
    auto all = std::make_shared<Described>();
    for (pugi::xml_node item : describedItems(r->result, kind))
      all->byId.emplace(text(item, kind.idField), item);
    all->answers.push_back(std::move(*r));
    co_return all;
  };
  const std::string key = "vpcs#" + std::string(kind.describeAction);
  auto loaded = co_await batch->once(key, std::move(reader));
  co_return std::static_pointer_cast<const Described>(loaded);
}

Awaitable<std::optional<BulkItem>> bulkItem(const ProviderContext& ctx, const std::string& type,
                                            const Kind& kind, const std::string& id) {
  common::ObserveBatch* batch = ctx.observeBatch.get();
  if (id.empty() || !batch || !batch->expects(type, id)) co_return std::nullopt;
  if (kind.inVpc) {
    auto scoped = co_await inVpcs(ctx, kind);
    if (scoped)
      if (auto it = scoped->byId.find(id); it != scoped->byId.end())
        co_return BulkItem{scoped, it->second};
  }
  const std::vector<std::string>& ids = batch->ids(type);
  common::ObserveBatch::Reader reader = [&ctx, &kind, &ids] { return describeAll(ctx, kind, ids); };
  auto loaded = co_await batch->once(type, std::move(reader));
  auto all = std::static_pointer_cast<const Described>(loaded);
  if (!all) co_return std::nullopt;
  auto it = all->byId.find(id);
  co_return BulkItem{all, it == all->byId.end() ? pugi::xml_node() : it->second};
}

Awaitable<Result<void>> TaggedProvider::removeTwins(const Desired& desired,
                                                    const std::string& keep) {
  aws::Params params;
  int n = 1;
  addOwnershipFilters(params, n, ctx_, desired.id);
  const std::string what = desired.id.str();
  auto r = co_await ec2(kind_.describeAction, std::move(params), what);
  if (!r) co_return fail(r.error());
  const Ownership owner = ctx_.ownership(desired.id);
  for (pugi::xml_node item : described(r->result)) {
    const std::string twin = text(item, kind_.idField);
    if (twin == keep || gone(item) || ownershipFromTags(tagsOf(item)) != owner) continue;
    Observed live = common::found(twin);
    auto removed = co_await remove(desired, live);
    if (!removed) co_return fail(removed.error());
  }
  co_return Result<void>{};
}

Awaitable<Result<Observed>> TaggedProvider::observe(const Desired& desired) {
  auto bulk = co_await bulkItem(ctx_, info_.type, kind_, desired.physicalId);
  if (!bulk) co_return co_await describe(desired, desired.physicalId);
  if (!bulk->item || gone(bulk->item)) co_return Observed{};
  co_return co_await observedFrom(desired, bulk->item);
}

Awaitable<Result<Observed>> TaggedProvider::create(const Desired& desired) {
  // A create interrupted before its id reached state left a tagged resource: adopt it.
  const std::string none;
  auto existing = co_await describe(desired, none, true);
  if (!existing) co_return fail(existing.error());
  std::string id = existing->physicalId;
  if (!existing->exists) {
    aws::Params params;
    Value ownership = ctx_.ownershipTags(desired.id);
    addTagSpecification(params, kind_.resourceType,
                        common::createTags(desired.properties.find("Tags"), ownership));
    auto created = co_await createResource(desired, std::move(params));
    if (!created) co_return fail(created.error());
    id = *created;
  }
  // Created or adopted: the twins of either go.
  auto twins = co_await removeTwins(desired, id);
  if (!twins) co_return fail(twins.error());
  auto applied = co_await apply(desired, id, existing->exists ? &*existing : nullptr, nullptr);
  if (!applied) co_return fail(applied.error());
  co_return co_await describe(desired, id);
}

Awaitable<Result<Observed>> TaggedProvider::update(const Desired& desired, const Observed& live,
                                                   const Delta& delta) {
  const std::string id = live.physicalId;
  for (const auto& spec : info_.properties)
    if (spec.immutable && delta.differentAt(spec.name))
      co_return fail(ErrorKind::Invalid, spec.name + " cannot change on an existing " +
                                             std::string(kind_.noun) + " (" + id +
                                             "); it is replaced instead");
  auto applied = co_await apply(desired, id, &live, &delta);
  if (!applied) co_return fail(applied.error());
  auto tags = co_await updateTags(ctx_, id, desired, live, delta);
  if (!tags) co_return fail(tags.error());
  co_return co_await describe(desired, id);
}

Awaitable<Result<void>> TaggedProvider::remove(const Desired& desired, const Observed& live) {
  const std::string id = live.exists ? live.physicalId : desired.physicalId;
  if (id.empty()) co_return Result<void>{};
  aws::Params params{{std::string(kind_.deleteIdParam), id}};
  const std::string what = label(id);
  auto r = co_await ec2(kind_.deleteAction, std::move(params), what);
  co_return common::deleted(r);
}

}  // namespace driftless::ec2
