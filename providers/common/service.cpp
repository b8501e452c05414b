#include "providers/common/service.h"

namespace driftless::common {

void add(Registry& registry, const Service& service, TypeInfo type,
         std::vector<ChangeEventRule> changeEvents, ProviderFactory factory) {
  if (service.endpoint) aws::addService(*service.endpoint);
  type.service = service.name;
  type.errors = service.errors;
  type.changeEvents = std::move(changeEvents);
  registry.add(std::move(type), std::move(factory));
}

void add(Registry& registry, const Service& service, Listed listed,
         std::vector<ChangeEventRule> changeEvents, ProviderFactory factory) {
  registerInventory(listed.type.type, std::move(listed.inventory));
  add(registry, service, std::move(listed.type), std::move(changeEvents), std::move(factory));
}

}  // namespace driftless::common
