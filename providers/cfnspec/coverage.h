#pragma once
// Property coverage of the types driftless manages: every property AWS's
// CloudFormation database lists for a managed type is either implemented (its
// provider declares it) or refused by validation as "not supported yet", with
// the reason recorded here. docs/manifest-reference.md shows the same table
// (`driftless explain --coverage-markdown`, spliced in by scripts/gen-cfnspec docs).
#include <string>
#include <string_view>
#include <vector>

#include "providers/registry.h"

namespace driftless::cfnspec {

struct PropertyCoverage {
  std::string name;
  bool implemented = false;
  std::string reason;  // why a refused property is refused
};

struct TypeCoverage {
  std::string type;
  std::vector<PropertyCoverage> properties;  // the database's, by name
  std::vector<std::string> extra;            // declared by the provider, absent from the database
  std::size_t implemented() const;
  int percent() const;  // implemented / total, rounded down
};

// Why driftless refuses a database property of a managed type; empty when the
// only reason is that driftless does not implement it yet.
std::string refusalReason(std::string_view type, std::string_view property);

// Coverage of every registry type the database knows, by type name.
std::vector<TypeCoverage> coverage(const Registry& registry);

// The Markdown coverage tables (a summary, then one table per type).
std::string coverageMarkdown(const Registry& registry);

}  // namespace driftless::cfnspec
