#pragma once
#include <string>

#include "providers/provider.h"

namespace driftless {

// Schema-driven comparison shared by providers and reconcile/. Only what
// `desired` contains is compared (managed properties); normalisations:
// - Integer/Number/Boolean: 5 == "5", true == "true";
// - Json: a JSON string is parsed first; key order ignored; a one-element list
//   equals its single element (IAM/S3 policy documents);
// - Tags: compared as a Key→Value set, ignoring live `driftless:` tags;
// - Object: field by field, only the fields desired sets;
// - Map: as a whole (keys added or removed live are differences).
Delta compareProperties(const TypeInfo& info, const Properties& desired, const Properties& live);

// Equality of two values under `spec`'s normalisation.
bool equivalent(const PropertySpec& spec, const Value& desired, const Value& live);

// Canonical form of a JSON document for semantic comparison (see above).
Value canonicalJson(const Value& v);

// Tags as {Key: Value}, without `driftless:` ownership tags.
Value::Object tagMap(const Value& tags, bool dropOwnership = true);

// Reads the ownership tags out of a [{Key,Value}] list; nullopt when the
// controller tag is absent.
std::optional<Ownership> ownershipFromTags(const Value& tags);

}  // namespace driftless
