#pragma once
// The text of one field of an answer object.
#include <string>
#include <string_view>

#include "providers/value.h"

namespace driftless::common {

// `object`'s `field` as scalar text: "" when the object or the field is missing.
inline std::string fieldText(const Value* object, std::string_view field) {
  const Value* v = object ? object->find(field) : nullptr;
  return v ? v->scalarText() : std::string();
}

}  // namespace driftless::common
