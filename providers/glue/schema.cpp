#include "providers/glue/schema.h"

#include <cctype>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::glue {

std::string databaseName(const Properties& props) {
  if (auto n = common::stringLike(props.find("DatabaseName"))) return *n;
  const Value* input = props.find("DatabaseInput");
  auto n = input ? common::stringLike(input->find("Name")) : std::nullopt;
  return n.value_or("");
}

bool catalogNameOk(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 255;
  for (char c : name)
    ok = ok && (std::islower(static_cast<unsigned char>(c)) ||
                std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  return ok;
}

void checkCatalogId(const Properties& props, std::vector<std::string>& out) {
  if (auto catalog = common::stringLike(props.find("CatalogId"));
      catalog &&
      (catalog->size() != 12 || catalog->find_first_not_of("0123456789") != std::string::npos))
    out.push_back("CatalogId: must be the 12-digit account id (!Ref AWS::AccountId)");
}

std::vector<std::string> validateDatabase(const Properties& props) {
  std::vector<std::string> out;
  const Value* input = props.find("DatabaseInput");
  bool resolved = common::stringLike(props.find("DatabaseName")) ||
                  (input && common::stringLike(input->find("Name")));
  bool given = props.find("DatabaseName") || (input && input->find("Name"));
  if (!given) out.push_back("DatabaseInput.Name: the database needs a name (or DatabaseName)");
  const std::string name = databaseName(props);
  if (resolved && !catalogNameOk(name))
    out.push_back("DatabaseInput.Name: \"" + name + "\" " + std::string(kCatalogNameRule));
  checkCatalogId(props, out);
  return out;
}

TypeInfo databaseTypeInfo() {
  return common::declared(kDatabaseType, validateDatabase);
}

}  // namespace driftless::glue
