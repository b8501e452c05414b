#pragma once
// A type's managed properties declared by name, their schema taken from AWS's
// CloudFormation database (providers/cfnspec/cfnspec.h) instead of restated by
// hand: a provider's schema.cpp names what it implements and spells out only
// where driftless deliberately differs from the database (overrides by `at`).
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::common {

// The properties `paths` name, in that order, each shaped from the database's
// entry for `type`:
//  - kind: string (and date-time), integer, number, boolean and json primitives
//    as themselves; a struct an Object; a list or map of X a List or Map of X;
//    the type's tag property (a list of {Key, Value}) Tags;
//  - required: the database's "required"; immutable: its "a change replaces the
//    resource" (a change that only may replace, depending on the values, is not);
//  - allowed: the values of a string enum.
// "A.B" names field B of struct A (list elements and map values are looked
// through): a struct with fields named that way has only those, in that order;
// a struct named alone has all of the database's fields, by name.
// Throws std::logic_error when a path is not in the database or has a shape
// driftless does not take from it (a union of types): a programming error that
// the providers' unit tests catch, as every registered type's schema is built.
std::vector<PropertySpec> fromDatabase(std::string_view type,
                                       const std::vector<std::string_view>& paths);

// `t.properties` = fromDatabase(t.type, paths): the type is named once, by
// common::typeInfo.
void manage(TypeInfo& t, const std::vector<std::string_view>& paths);

// The spec at a dotted path of `props` (list elements and map values looked
// through), for an override where driftless differs from the database:
// `at(t.properties, "SecretString").sec()`. Throws std::logic_error when absent.
PropertySpec& at(std::vector<PropertySpec>& props, std::string_view path);

}  // namespace driftless::common
