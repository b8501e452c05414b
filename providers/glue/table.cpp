#include "providers/glue/table.h"

#include "providers/glue/catalog.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

// TableInput's fields besides Name, as GetTable answers them at the table's top level.
constexpr std::string_view kInputFields[] = {
    "Description",       "Owner",     "Parameters",  "PartitionKeys",    "Retention",
    "StorageDescriptor", "TableType", "TargetTable", "ViewExpandedText", "ViewOriginalText"};

class TableProvider final : public CatalogProvider {
 public:
  explicit TableProvider(ProviderContext ctx)
      : CatalogProvider(std::move(ctx), tableTypeInfo(),
                        {.noun = "Table", .inputFields = kInputFields, .nameInUpdate = false}) {}

 protected:
  std::string name(const Desired& d) const override {
    std::string n = tableName(d.properties);
    return n.empty() ? idPart(d, 1) : n;
  }
  std::string physicalId(const Desired& d) const override { return database(d) + "|" + name(d); }
  void addKey(const Desired& d, Value& body) const override {
    body["DatabaseName"] = Value(database(d));
  }
  void addIdentity(const Desired& d, Observed& o) const override {
    o.properties["DatabaseName"] = Value(database(d));
    if (d.properties.find("Name")) o.properties["Name"] = Value(name(d));
  }

 private:
  // The part of the physical id "<database>|<table>" at `index`, for a remove
  // whose manifest no longer names it.
  static std::string idPart(const Desired& d, std::size_t index) {
    auto bar = d.physicalId.find('|');
    if (bar == std::string::npos) return index == 0 ? std::string() : d.physicalId;
    return index == 0 ? d.physicalId.substr(0, bar) : d.physicalId.substr(bar + 1);
  }
  static std::string database(const Desired& d) {
    const Value* db = d.properties.find("DatabaseName");
    return db && db->isScalar() ? db->scalarText() : idPart(d, 0);
  }
};

}  // namespace

std::unique_ptr<Provider> makeTableProvider(const ProviderContext& ctx) {
  return std::make_unique<TableProvider>(ctx);
}

}  // namespace driftless::glue
