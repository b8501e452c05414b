#include <string>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

std::string tableName(const Properties& props) {
  if (auto n = common::stringLike(props.find("Name"))) return *n;
  const Value* input = props.find("TableInput");
  auto n = input ? common::stringLike(input->find("Name")) : std::nullopt;
  return n.value_or("");
}

std::vector<std::string> validateTable(const Properties& props) {
  std::vector<std::string> out;
  const Value* input = props.find("TableInput");
  if (!props.find("Name") && !(input && input->find("Name")))
    out.push_back("TableInput.Name: the table needs a name (or Name)");
  const bool resolved =
      common::stringLike(props.find("Name")) || (input && common::stringLike(input->find("Name")));
  if (const std::string name = tableName(props); resolved && !catalogNameOk(name))
    out.push_back("TableInput.Name: \"" + name + "\" " + std::string(kCatalogNameRule));
  if (auto db = common::stringLike(props.find("DatabaseName")); db && !catalogNameOk(*db))
    out.push_back("DatabaseName: \"" + *db + "\" " + std::string(kCatalogNameRule));
  if (auto both = common::stringLike(props.find("Name")),
      inner = input ? common::stringLike(input->find("Name")) : std::nullopt;
      both && inner && *both != *inner)
    out.push_back("Name: differs from TableInput.Name (\"" + *both + "\" and \"" + *inner +
                  "\"); give one");
  checkCatalogId(props, out);
  auto type = input ? common::stringLike(input->find("TableType")) : std::nullopt;
  if (type && *type == "VIRTUAL_VIEW" && !input->find("ViewOriginalText"))
    out.push_back("TableInput.ViewOriginalText: a VIRTUAL_VIEW needs its text");
  return out;
}

TypeInfo tableTypeInfo() {
  return common::declared(kTableType, validateTable);
}

}  // namespace driftless::glue
