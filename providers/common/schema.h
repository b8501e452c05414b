#pragma once
// The start of every type's schema (providers/<service>/schema.cpp): who it is
// and what `!Ref` and `!GetAtt` give.
#include <string>
#include <vector>

#include "providers/type_info.h"

namespace driftless::common {

// `refAttribute` "" = Ref returns the physical id (the name).
TypeInfo typeInfo(std::string type, std::string physicalNameProperty, std::string refAttribute,
                  std::vector<std::string> getAttributes);

}  // namespace driftless::common
