#pragma once
// "Known after apply" values: the intrinsics the loader leaves in properties
// (see manifest.h for their canonical form) and their resolution once the
// referenced resources are live.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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

// The resource a canonical form's logical id names: "stack/Logical" (a value
// imported from another stack) or a logical id of `ownStack`.
ResourceId referencedId(const std::string& ownStack, const std::string& logical);

// `v` with every resource reference of its canonical forms qualified with
// `stack` ("Queue" becomes "orders/Queue"); already qualified ones are kept.
Value qualifyReferences(const Value& v, const std::string& stack);

// Fn::Split of known text: the parts between each occurrence of `delimiter`.
Value splitText(const std::string& delimiter, const std::string& text);
// Fn::Base64: standard alphabet, padded.
std::string base64Encode(std::string_view in);

// The (logicalId, attribute) pairs `v` still refers to (attribute "" = Ref).
std::vector<std::pair<std::string, std::string>> unresolvedReferences(const Value& v);

}  // namespace driftless::reconcile
