#pragma once
// "Known after apply" values: the intrinsics the loader leaves in properties
// (see manifest.h for their canonical form) and their resolution once the
// referenced resources are live.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "providers/error.h"
#include "providers/resource_id.h"
#include "providers/value.h"

namespace driftless::reconcile {

// True when `v` (or anything inside it) is an unresolved intrinsic.
bool hasUnresolved(const Value& v);

// Looks up a live resource's value: attribute "" means its Ref value (the
// TypeInfo's refAttribute, or the physical id). nullopt = not known (yet).
using AttributeLookup =
    std::function<std::optional<Value>(const std::string& logicalId, const std::string& attribute)>;

// Replaces every unresolved intrinsic of `v` whose inputs `lookup` knows.
// Returns the value with what is still unknown left in place (partial), so a
// plan can resolve the references to resources that exist and keep the others.
Value resolvePartial(const Value& v, const AttributeLookup& lookup);

// Resolves everything; an input `lookup` does not know is an error
// ("Properties.X: value of OrdersDLQ.Arn is not known").
Result<Value> resolveAll(const Value& v, const AttributeLookup& lookup);

// The (logicalId, attribute) pairs `v` still refers to (attribute "" = Ref).
std::vector<std::pair<std::string, std::string>> unresolvedReferences(const Value& v);

}  // namespace driftless::reconcile
