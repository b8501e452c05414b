#include "providers/common/service.h"

namespace driftless::common {

namespace {

std::vector<ChangeEventRule> changeEventRules(const Service& service,
                                              const std::vector<Events>& events) {
  const std::string source =
      service.eventSource.empty() ? service.name + ".amazonaws.com" : service.eventSource;
  std::vector<ChangeEventRule> rules;
  for (const auto& e : events)
    rules.push_back({e.source.empty() ? source : e.source, e.names, e.identityPaths});
  return rules;
}

}  // namespace

void add(Registry& registry, std::vector<Type> types, const Service& service) {
  if (service.endpoint) aws::addService(*service.endpoint);
  for (auto& t : types) {
    registerInventory(t.info.type, std::move(t.inventory));
    t.info.service = service.name;
    t.info.errors = service.errors;
    t.info.changeEvents = changeEventRules(service, t.events);
    registry.add(std::move(t.info), std::move(t.make));
  }
}

}  // namespace driftless::common
