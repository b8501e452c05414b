#pragma once
// AWS::Glue::Database as data: property schema, Ref, name rules and validation.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::glue {

inline constexpr std::string_view kDatabaseType = "AWS::Glue::Database";

TypeInfo databaseTypeInfo();
// The name (DatabaseName, else DatabaseInput.Name) is required: 1-255
// lowercase letters, digits and '_' (Glue folds names to lowercase, so an
// uppercase name would read back as drift); CatalogId is a 12-digit account id.
std::vector<std::string> validateDatabase(const Properties& props);

// Glue's rule for database and table names (it folds names to lowercase, so
// an uppercase name would read back as drift).
inline constexpr std::string_view kCatalogNameRule =
    "must be 1 to 255 lowercase letters, digits or '_' (Glue folds names to lowercase)";
bool catalogNameOk(std::string_view name);
// Adds a problem when CatalogId is not a 12-digit account id.
void checkCatalogId(const Properties& props, std::vector<std::string>& out);

// The database name a manifest gives: DatabaseName, else DatabaseInput.Name.
std::string databaseName(const Properties& props);

}  // namespace driftless::glue

namespace driftless::glue {

inline constexpr std::string_view kTableType = "AWS::Glue::Table";

// AWS::Glue::Table: a child of its database. Identity: the catalog, the
// database and the name (Name, else TableInput.Name). Glue tables take no
// tags: ownership is the database's (the parent) and the state entry.
TypeInfo tableTypeInfo();
// Names as the database's (Glue folds them to lowercase); CatalogId a 12-digit
// account id; a view needs its text; PartitionKeys columns named.
std::vector<std::string> validateTable(const Properties& props);
// The table name a manifest gives: Name, else TableInput.Name.
std::string tableName(const Properties& props);

}  // namespace driftless::glue

namespace driftless::glue {

// Glue maps (parameters, job arguments) are string → string: a YAML number or
// boolean goes as its text; a map written as a JSON string is sent parsed.
void stringValues(Value* map);

// A Glue *Input (DatabaseInput, TableInput) for a Create/Update call: `name`,
// then each of `fields` from `wanted` (the manifest's input) or, when the
// manifest does not manage it, from `have` (the live input: an Update call
// replaces the whole definition). Parameters maps get string values.
Value catalogInput(const std::string& name, const Value* wanted, const Value* have,
                   std::span<const std::string_view> fields);
// The live input: `name`, then each of `fields` the answer `item` has.
Value observedInput(const std::string& name, const Value& item,
                    std::span<const std::string_view> fields);

}  // namespace driftless::glue

namespace driftless::glue {

inline constexpr std::string_view kJobType = "AWS::Glue::Job";
inline constexpr std::string_view kCrawlerType = "AWS::Glue::Crawler";

TypeInfo jobTypeInfo();
// Capacity given one way (MaxCapacity, or WorkerType with NumberOfWorkers);
// ranges of MaxRetries, Timeout, NumberOfWorkers.
std::vector<std::string> validateJob(const Properties& props);
TypeInfo crawlerTypeInfo();
// At least one target; the schedule a cron() expression; names as the catalog's.
std::vector<std::string> validateCrawler(const Properties& props);

}  // namespace driftless::glue
