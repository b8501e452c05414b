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

std::vector<std::string> actions(std::string_view service,
                                 std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (auto n : names)
    out.push_back(std::string(service) + ":" + std::string(n));
  return out;
}

}  // namespace driftless::common
