#include "providers/common/schema.h"

namespace driftless::common {

TypeInfo typeInfo(std::string type, std::string physicalNameProperty, std::string refAttribute,
                  std::vector<std::string> getAttributes) {
  TypeInfo t;
  t.type = std::move(type);
  t.physicalNameProperty = std::move(physicalNameProperty);
  t.refAttribute = std::move(refAttribute);
  t.getAttributes = std::move(getAttributes);
  return t;
}

}  // namespace driftless::common
