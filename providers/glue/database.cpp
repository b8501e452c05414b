#include "providers/glue/database.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

constexpr std::string_view kInputFields[] = {"Description", "LocationUri", "Parameters"};

class DatabaseProvider final : public common::ProviderBase {
 public:
  explicit DatabaseProvider(ProviderContext ctx)
      : ProviderBase(std::move(ctx), databaseTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    Value body = key(desired, "Name");
    auto r = co_await call("GetDatabase", body);
    if (!r) {
      if (common::isNotFound(r.error()) || common::hasCode(r.error(), {"EntityNotFoundException"}))
        co_return Observed{};
      co_return fail(r.error());
    }
    const Value* db = r->find("Database");
    if (!db) co_return Observed{};
    Observed o;
    o.exists = true;
    o.physicalId = name(desired);
    if (const Value* c = desired.properties.find("CatalogId")) o.properties["CatalogId"] = *c;
    if (desired.properties.find("DatabaseName")) o.properties["DatabaseName"] = Value(o.physicalId);
    Value input = Value::object();
    input["Name"] = Value(o.physicalId);
    for (auto f : kInputFields)
      if (const Value* v = db->find(f)) input[f] = *v;
    o.properties["DatabaseInput"] = input;
    o.attributes["Name"] = Value(o.physicalId);
    co_return o;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = key(desired, "");
    body["DatabaseInput"] = input(desired, nullptr);
    auto r = co_await call("CreateDatabase", body);
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    Value body = key(desired, "Name");
    body["DatabaseInput"] = input(desired, &live);
    auto r = co_await call("UpdateDatabase", body);
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    Value body = key(desired, "Name");
    auto r = co_await call("DeleteDatabase", body);
    if (!r && !common::isNotFound(r.error()) &&
        !common::hasCode(r.error(), {"EntityNotFoundException"}))
      co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  static std::string name(const Desired& d) {
    std::string n = databaseName(d.properties);
    return n.empty() ? d.physicalId : n;
  }

  // {CatalogId, <nameField>: name}; no name field for CreateDatabase.
  static Value key(const Desired& d, std::string_view nameField) {
    Value body = Value::object();
    if (const Value* c = d.properties.find("CatalogId")) body["CatalogId"] = Value(c->scalarText());
    if (!nameField.empty()) body[nameField] = Value(name(d));
    return body;
  }

  // DatabaseInput: the manifest's fields and, with `live`, the live value of
  // each it does not manage (UpdateDatabase replaces the whole input).
  static Value input(const Desired& d, const Observed* live) {
    Value out = Value::object();
    out["Name"] = Value(name(d));
    const Value* wanted = d.properties.find("DatabaseInput");
    const Value* have = live ? live->properties.find("DatabaseInput") : nullptr;
    for (auto f : kInputFields) {
      const Value* v = wanted ? wanted->find(f) : nullptr;
      if (!v && have) v = have->find(f);
      if (v) out[f] = *v;
    }
    return out;
  }

  Awaitable<Result<Value>> call(std::string_view op, const Value& body) {
    co_return co_await common::jsonCall(*ctx_.aws, "glue", op, body);
  }
};

}  // namespace

std::unique_ptr<Provider> makeDatabaseProvider(const ProviderContext& ctx) {
  return std::make_unique<DatabaseProvider>(ctx);
}

}  // namespace driftless::glue
