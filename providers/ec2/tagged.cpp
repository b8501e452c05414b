#include "providers/ec2/tagged.h"

#include "providers/common/errors.h"
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

std::vector<pugi::xml_node> TaggedProvider::described(pugi::xml_node result) const {
  std::vector<pugi::xml_node> out = items(result, kind_.setName);
  if (!kind_.innerSet) return out;
  std::vector<pugi::xml_node> inner;
  for (pugi::xml_node group : out)
    for (pugi::xml_node item : items(group, kind_.innerSet))
      inner.push_back(item);
  return inner;
}

Awaitable<Result<Observed>> TaggedProvider::describe(const Desired& desired,
                                                     const std::string& id) {
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
  pugi::xml_node item;
  for (pugi::xml_node candidate : described(r->result))
    if (!gone(candidate) && (id.empty() ? ownershipFromTags(tagsOf(candidate)) == owner
                                        : text(candidate, kind_.idField) == id)) {
      item = candidate;
      break;
    }
  if (!item) co_return Observed{};
  Observed o = common::found(text(item, kind_.idField));
  read(item, o);
  common::setLiveTags(o, tagsOf(item));
  auto more = co_await readMore(desired, o);
  if (!more) co_return fail(more.error());
  co_return o;
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
  co_return co_await describe(desired, desired.physicalId);
}

Awaitable<Result<Observed>> TaggedProvider::create(const Desired& desired) {
  // A create interrupted before its id reached state left a tagged resource: adopt it.
  const std::string none;
  auto existing = co_await describe(desired, none);
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
    auto twins = co_await removeTwins(desired, id);
    if (!twins) co_return fail(twins.error());
  }
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
