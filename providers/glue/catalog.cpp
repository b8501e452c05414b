#include "providers/glue/catalog.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

bool isAbsent(const Error& e) {
  return common::isNotFound(e) || common::hasCode(e, {"EntityNotFoundException"});
}

}  // namespace

Awaitable<Result<Observed>> CatalogProvider::observe(const Desired& desired) {
  Value body = key(desired, "Name");
  const std::string op = "Get" + api_.noun;
  auto r = co_await call(op, body);
  if (!r) {
    if (isAbsent(r.error())) co_return Observed{};
    co_return fail(r.error());
  }
  const Value* item = r->find(api_.noun);
  if (!item || !item->isObject()) co_return Observed{};
  Observed o = common::found(physicalId(desired));
  if (const Value* c = desired.properties.find("CatalogId")) o.properties["CatalogId"] = *c;
  addIdentity(desired, o);
  o.properties[api_.noun + "Input"] = observedInput(name(desired), *item, api_.inputFields);
  o.attributes["Name"] = Value(name(desired));
  co_return o;
}

Awaitable<Result<Observed>> CatalogProvider::create(const Desired& desired) {
  Value body = key(desired, "");
  body[api_.noun + "Input"] = input(desired, nullptr);
  const std::string op = "Create" + api_.noun;
  auto r = co_await call(op, body);
  if (!r) co_return fail(r.error());
  co_return co_await observe(desired);
}

Awaitable<Result<Observed>> CatalogProvider::update(const Desired& desired, const Observed& live,
                                                    const Delta&) {
  Value body = key(desired, api_.nameInUpdate ? "Name" : "");
  body[api_.noun + "Input"] = input(desired, &live);
  const std::string op = "Update" + api_.noun;
  auto r = co_await call(op, body);
  if (!r) co_return fail(r.error());
  co_return co_await observe(desired);
}

Awaitable<Result<void>> CatalogProvider::remove(const Desired& desired, const Observed&) {
  Value body = key(desired, "Name");
  const std::string op = "Delete" + api_.noun;
  auto r = co_await call(op, body);
  co_return common::deleted(r, {"EntityNotFoundException"});
}

Value CatalogProvider::key(const Desired& d, std::string_view nameField) const {
  Value body = Value::object();
  if (const Value* c = d.properties.find("CatalogId")) body["CatalogId"] = Value(c->scalarText());
  addKey(d, body);
  if (!nameField.empty()) body[nameField] = Value(name(d));
  return body;
}

Value CatalogProvider::input(const Desired& d, const Observed* live) const {
  const std::string field = api_.noun + "Input";
  const Value* have = live ? live->properties.find(field) : nullptr;
  return catalogInput(name(d), d.properties.find(field), have, api_.inputFields);
}

}  // namespace driftless::glue
