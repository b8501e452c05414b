#include "providers/glue/tagged.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/tags.h"
#include "providers/compare.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

const common::JsonTagApi kTags{.service = "glue",
                               .idField = "ResourceArn",
                               .tagsAsMap = true,
                               .tagsField = "TagsToAdd",
                               .keysField = "TagsToRemove"};

}  // namespace

Awaitable<Result<Observed>> TaggedProvider::observe(const Desired& desired) {
  const std::string n = name(desired);
  co_return co_await read(n);
}

Awaitable<Result<Observed>> TaggedProvider::create(const Desired& desired) {
  const std::string n = name(desired);
  Value body = definition(desired);
  body["Name"] = Value(n);
  body["Tags"] = common::creationTags(kTags, ctx_, desired);
  auto r = co_await call(api_.createOp, body);
  if (!r) co_return fail(r.error());
  co_return co_await read(n);
}

Awaitable<Result<Observed>> TaggedProvider::update(const Desired& desired, const Observed& live,
                                                   const Delta& delta) {
  const std::string n = name(desired, live);
  if (!delta.onlyAt({"Tags"})) {
    Value body = updateBody(desired, n);
    auto r = co_await call(api_.updateOp, body);
    if (!r) co_return fail(r.error());
  }
  const std::string id = arn(n);
  auto t = co_await common::updateTags(ctx_, kTags, id, desired, live, delta);
  if (!t) co_return fail(t.error());
  co_return co_await read(n);
}

Awaitable<Result<void>> TaggedProvider::remove(const Desired& desired, const Observed& live) {
  co_return co_await removeNamed(api_.deleteOp, api_.nameField, desired, live);
}

Value TaggedProvider::requestFields(const Desired& d,
                                    std::span<const std::string_view> stringMaps) {
  Value out = d.properties;
  out.erase("Name");
  out.erase("Tags");
  for (auto m : stringMaps)
    stringValues(out.find(m));
  return out;
}

Awaitable<Result<Observed>> TaggedProvider::read(const std::string& n) {
  Value request = Value::object();
  request[api_.nameField] = Value(n);
  auto r = co_await call(api_.getOp, request);
  if (!r) co_return common::absentOr(r.error());
  const Value* item = r->find(api_.item);
  if (!item || !item->isObject()) co_return Observed{};
  Observed o = common::found(n);
  o.properties["Name"] = Value(n);
  // Not a GetAtt: recorded so that a tag event, which names the ARN, finds it.
  o.attributes["Arn"] = Value(arn(n));
  for (auto f : api_.fields)
    if (const Value* v = item->find(f); v && !v->isNull()) o.properties[f] = *v;
  reshape(o);
  auto t = co_await readTags(n, o);
  if (!t) co_return fail(t.error());
  co_return o;
}

std::string TaggedProvider::arn(const std::string& name) const {
  return "arn:" + ctx_.partition + ":glue:" + ctx_.region + ":" + ctx_.accountId + ":" +
         api_.arnKind + "/" + name;
}

Awaitable<Result<void>> TaggedProvider::readTags(const std::string& name, Observed& o) {
  Value request = Value::object();
  request["ResourceArn"] = Value(arn(name));
  auto r = co_await call("GetTags", request);
  if (!r) co_return fail(r.error());
  const Value* tags = r->find("Tags");
  const Value all = tags && tags->isObject() ? *tags : Value::object();
  o.owner = ownershipFromTags(all);
  o.properties["Tags"] = Value(tagMap(all));
  co_return Result<void>{};
}

}  // namespace driftless::glue
