#pragma once
// Dotted property paths ("RedrivePolicy.maxReceiveCount", "Tags.0.Value") and
// the schema facts attached to them. Internal to reconcile/.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"
#include "providers/value.h"

namespace driftless::reconcile {

// `path` equals `prefix` or lies below it.
bool pathUnder(std::string_view path, std::string_view prefix);

// The spec of a path (list/map elements through their element spec); nullptr if unknown.
const PropertySpec* specAt(const TypeInfo* info, std::string_view path);

// Immutable when the property or any enclosing one is.
bool immutableAt(const TypeInfo* info, std::string_view path);

// Secret when a secret path covers it (or lies below it), or its spec says so.
bool secretAt(const std::vector<std::string>& secretPaths, const TypeInfo* info,
              std::string_view path);

// `v` (found at `path`) with every secret part replaced by "(secret)".
Value maskSecrets(const Value& v, const std::string& path,
                  const std::vector<std::string>& secretPaths, const TypeInfo* info);

// Mutable access to a dotted path (array indices as numbers); nullptr if absent.
Value* findPathMutable(Value& root, std::string_view path);

}  // namespace driftless::reconcile
