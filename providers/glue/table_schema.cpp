#include <string>

#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

using P = PropertySpec;

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

namespace {

PropertySpec column() {
  return P::object("", {P::string("Name").req(), P::string("Type"), P::string("Comment")});
}

PropertySpec storageDescriptor() {
  return P::object(
      "StorageDescriptor",
      {P::list("BucketColumns", P::string("")), P::list("Columns", column()),
       P::boolean("Compressed"), P::string("InputFormat"), P::string("Location"),
       P::integer("NumberOfBuckets"), P::string("OutputFormat"), P::json("Parameters"),
       P::object("SerdeInfo",
                 {P::string("Name"), P::json("Parameters"), P::string("SerializationLibrary")}),
       P::object("SkewedInfo", {P::list("SkewedColumnNames", P::string("")),
                                P::json("SkewedColumnValueLocationMaps"),
                                P::list("SkewedColumnValues", P::string(""))}),
       P::list("SortColumns",
               P::object("", {P::string("Column").req(), P::integer("SortOrder").req()})),
       P::boolean("StoredAsSubDirectories")});
}

}  // namespace

TypeInfo tableTypeInfo() {
  TypeInfo t;
  t.type = std::string(kTableType);
  t.service = "glue";
  // The name is Name or TableInput.Name, under DatabaseName: an identity made
  // of properties, resolved by the provider.
  t.physicalNameProperty = "";
  t.refAttribute = "Name";  // Ref = the table name
  t.getAttributes = {};
  t.properties = {
      P::string("CatalogId").req().immut(),
      P::string("DatabaseName").req().immut(),
      P::string("Name").immut(),
      P::object("TableInput",
                {P::string("Name").immut(), P::string("Description"), P::string("Owner"),
                 P::json("Parameters"), P::list("PartitionKeys", column()), P::integer("Retention"),
                 storageDescriptor(), P::string("TableType"),
                 P::object("TargetTable", {P::string("CatalogId"), P::string("DatabaseName"),
                                           P::string("Name"), P::string("Region")}),
                 P::string("ViewExpandedText"), P::string("ViewOriginalText")})
          .req(),
  };
  // CloudFormation gives Glue tables no tags: a table is owned through its
  // database (the parent) and the state entry.
  t.taggable = false;
  t.iamActions = {"glue:CreateTable", "glue:GetTable", "glue:UpdateTable", "glue:DeleteTable"};
  t.validate = validateTable;
  return t;
}

}  // namespace driftless::glue
