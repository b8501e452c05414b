#include "providers/glue/table.h"

#include <optional>
#include <string>

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
  std::optional<std::string> manifestName(const Properties& p) const override {
    std::string n = tableName(p);
    if (n.empty()) return std::nullopt;
    return n;
  }
  // "<database>|<table>": the table.
  std::string nameInId(const std::string& physicalId) const override {
    return idPart(physicalId, 1);
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
  static std::string idPart(const std::string& id, std::size_t index) {
    auto bar = id.find('|');
    if (bar == std::string::npos) return index == 0 ? std::string() : id;
    return index == 0 ? id.substr(0, bar) : id.substr(bar + 1);
  }
  static std::string database(const Desired& d) {
    const Value* db = d.properties.find("DatabaseName");
    return db && db->isScalar() ? db->scalarText() : idPart(d.physicalId, 0);
  }
};

}  // namespace

const common::MakeProvider makeTableProvider = common::make<TableProvider>;

}  // namespace driftless::glue
