#include "providers/glue/table.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/json_service.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

// TableInput's fields besides Name, as GetTable answers them at the table's top level.
constexpr std::string_view kInputFields[] = {
    "Description",       "Owner",     "Parameters",  "PartitionKeys",    "Retention",
    "StorageDescriptor", "TableType", "TargetTable", "ViewExpandedText", "ViewOriginalText"};

bool isAbsent(const Error& e) {
  return common::isNotFound(e) || common::hasCode(e, {"EntityNotFoundException"});
}

class TableProvider final : public common::JsonProviderBase {
 public:
  explicit TableProvider(ProviderContext ctx) : JsonProviderBase(std::move(ctx), tableTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    Value body = key(desired, "Name");
    auto r = co_await call("GetTable", body);
    if (!r) {
      if (isAbsent(r.error())) co_return Observed{};
      co_return fail(r.error());
    }
    const Value* table = r->find("Table");
    if (!table || !table->isObject()) co_return Observed{};
    Observed o;
    o.exists = true;
    o.physicalId = database(desired) + "|" + name(desired);
    if (const Value* c = desired.properties.find("CatalogId")) o.properties["CatalogId"] = *c;
    o.properties["DatabaseName"] = Value(database(desired));
    if (desired.properties.find("Name")) o.properties["Name"] = Value(name(desired));
    o.properties["TableInput"] = observedInput(name(desired), *table, kInputFields);
    o.attributes["Name"] = Value(name(desired));
    co_return o;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = key(desired, "");
    body["TableInput"] = input(desired, nullptr);
    auto r = co_await call("CreateTable", body);
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    Value body = key(desired, "");
    body["TableInput"] = input(desired, &live);
    auto r = co_await call("UpdateTable", body);
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    Value body = key(desired, "Name");
    auto r = co_await call("DeleteTable", body);
    if (!r && !isAbsent(r.error())) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  // The part of the physical id "<database>|<table>" at `index`, for a remove
  // whose manifest no longer names it.
  static std::string idPart(const Desired& d, std::size_t index) {
    auto bar = d.physicalId.find('|');
    if (bar == std::string::npos) return index == 0 ? std::string() : d.physicalId;
    return index == 0 ? d.physicalId.substr(0, bar) : d.physicalId.substr(bar + 1);
  }
  static std::string name(const Desired& d) {
    std::string n = tableName(d.properties);
    return n.empty() ? idPart(d, 1) : n;
  }
  static std::string database(const Desired& d) {
    const Value* db = d.properties.find("DatabaseName");
    return db && db->isScalar() ? db->scalarText() : idPart(d, 0);
  }

  // {CatalogId, DatabaseName, <nameField>: name}; no name field for Create/UpdateTable.
  static Value key(const Desired& d, std::string_view nameField) {
    Value body = Value::object();
    if (const Value* c = d.properties.find("CatalogId")) body["CatalogId"] = Value(c->scalarText());
    body["DatabaseName"] = Value(database(d));
    if (!nameField.empty()) body[nameField] = Value(name(d));
    return body;
  }

  // TableInput: the manifest's fields and, with `live`, the live value of each
  // it does not manage (UpdateTable replaces the whole definition).
  static Value input(const Desired& d, const Observed* live) {
    const Value* have = live ? live->properties.find("TableInput") : nullptr;
    return catalogInput(name(d), d.properties.find("TableInput"), have, kInputFields);
  }

  Awaitable<Result<Value>> call(std::string_view op, const Value& body) {
    co_return co_await common::jsonCall(*ctx_.aws, "glue", op, body);
  }
};

}  // namespace

std::unique_ptr<Provider> makeTableProvider(const ProviderContext& ctx) {
  return std::make_unique<TableProvider>(ctx);
}

}  // namespace driftless::glue
