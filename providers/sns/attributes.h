#pragma once
// SNS attribute maps, as the topic and subscription providers read them.
#include <pugixml.hpp>

#include "providers/value.h"

namespace driftless::sns {

// <Attributes><entry><key/><value/></entry>...</Attributes> → {key: value}
Value::Object entries(pugi::xml_node attributes);

}  // namespace driftless::sns
