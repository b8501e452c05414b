#include "providers/glue/database.h"

#include <optional>
#include <string>

#include "providers/glue/catalog.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

constexpr std::string_view kInputFields[] = {"Description", "LocationUri", "Parameters"};

class DatabaseProvider final : public CatalogProvider {
 public:
  explicit DatabaseProvider(ProviderContext ctx)
      : CatalogProvider(std::move(ctx), databaseTypeInfo(),
                        {.noun = "Database", .inputFields = kInputFields}) {}

 protected:
  // DatabaseName, else DatabaseInput.Name.
  std::optional<std::string> manifestName(const Properties& p) const override {
    std::string n = databaseName(p);
    if (n.empty()) return std::nullopt;
    return n;
  }
  void addIdentity(const Desired& d, Observed& o) const override {
    if (d.properties.find("DatabaseName")) o.properties["DatabaseName"] = Value(name(d));
  }
};

}  // namespace

const common::MakeProvider makeDatabaseProvider = common::make<DatabaseProvider>;

}  // namespace driftless::glue
