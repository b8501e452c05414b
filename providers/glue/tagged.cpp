#include "providers/glue/tagged.h"

#include <algorithm>

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

std::string TaggedProvider::arn(const std::string& name) const {
  return "arn:" + ctx_.partition + ":glue:" + ctx_.region + ":" + ctx_.accountId + ":" +
         api_.arnKind + "/" + name;
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
  for (auto f : api_.fields)
    if (const Value* v = item->find(f); v && !v->isNull()) o.properties[f] = *v;
  reshape(o);
  auto t = co_await readTags(n, o);
  if (!t) co_return fail(t.error());
  co_return o;
}

Awaitable<Result<Observed>> TaggedProvider::finishUpdate(const Desired& d, const Observed& live,
                                                         const Delta& delta) {
  auto t = co_await writeTags(d, live, delta);
  if (!t) co_return fail(t.error());
  co_return co_await read(name(d, live));
}

Awaitable<Result<void>> TaggedProvider::remove(const Desired& desired, const Observed& live) {
  Value body = Value::object();
  body[api_.nameField] = Value(name(desired, live));
  auto r = co_await call(api_.deleteOp, body);
  co_return common::deleted(r);
}

Awaitable<Result<Value>> TaggedProvider::call(std::string_view op, const Value& body) {
  co_return co_await common::jsonCall(*ctx_.aws, "glue", op, body);
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

Awaitable<Result<void>> TaggedProvider::writeTags(const Desired& d, const Observed& live,
                                                  const Delta& delta) {
  co_return co_await common::updateTags(ctx_, kTags, arn(name(d, live)), d, live, delta);
}

Value TaggedProvider::createTags(const Desired& d) const {
  return common::serviceTagList(
      kTags, common::createTags(d.properties.find("Tags"), ctx_.ownershipTags(d.id)));
}

Value TaggedProvider::requestFields(const Desired& d, std::span<const std::string_view> skip,
                                    std::span<const std::string_view> stringMaps) {
  Value out = Value::object();
  for (const auto& [k, v] : d.properties.asObject())
    if (std::find(skip.begin(), skip.end(), k) == skip.end()) out[k] = v;
  for (auto m : stringMaps)
    stringValues(out.find(m));
  return out;
}

}  // namespace driftless::glue
