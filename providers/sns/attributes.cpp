#include "providers/sns/attributes.h"

namespace driftless::sns {

Value::Object entries(pugi::xml_node attributes) {
  Value::Object out;
  for (auto e : attributes.children("entry"))
    out.insert_or_assign(e.child_value("key"), Value(std::string(e.child_value("value"))));
  return out;
}

}  // namespace driftless::sns
