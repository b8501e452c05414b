#pragma once
// AWS::Glue::Database as data: property schema, Ref, name rules and validation.
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

// The database name a manifest gives: DatabaseName, else DatabaseInput.Name.
std::string databaseName(const Properties& props);

}  // namespace driftless::glue
