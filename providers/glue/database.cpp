#include "providers/glue/database.h"

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
  std::string name(const Desired& d) const override {
    std::string n = databaseName(d.properties);
    return n.empty() ? d.physicalId : n;
  }
  void addIdentity(const Desired& d, Observed& o) const override {
    if (d.properties.find("DatabaseName")) o.properties["DatabaseName"] = Value(name(d));
  }
};

}  // namespace

std::unique_ptr<Provider> makeDatabaseProvider(const ProviderContext& ctx) {
  return std::make_unique<DatabaseProvider>(ctx);
}

}  // namespace driftless::glue
