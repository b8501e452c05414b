#pragma once
// A service folder's data in one value, and the registry table of its types.
// Each folder's register.cpp declares its Service (name, error codes, and the
// endpoint row of a service providers/aws/endpoints.cpp does not list) and adds
// every type of the folder with one common::add: per type its TypeInfo, how
// `driftless unmanaged --all` lists it, its provider and, as data, the
// CloudTrail write events that change it.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "providers/aws/endpoints.h"
#include "providers/common/inventory_spec.h"
#include "providers/registry.h"

namespace driftless::common {

struct Service {
  // "sqs": the IAM action prefix, the AWS client's service name, metrics.
  std::string name;
  // How the AWS client calls the service, for one endpoints.cpp does not list.
  std::optional<aws::ServiceInfo> endpoint;
  // The service's own error codes by kind (common::classify applies them).
  ErrorCodes errors;
  // CloudTrail's eventSource of its calls; "" = "<name>.amazonaws.com".
  std::string eventSource;
};

// Write events that change a type (a ChangeEventRule whose eventSource is the
// service's unless `source` names another).
struct Events {
  std::vector<std::string> names;          // "PutMetricFilter"
  std::vector<std::string> identityPaths;  // "requestParameters.filterName"
  std::string source;                      // "" = Service::eventSource
};

// One row of a service's registry table: a type, how `driftless unmanaged
// --all` lists it, its provider and the write events that change it (none:
// only full scans see drift).
struct Type {
  Type(TypeInfo info, Inventory inventory, ProviderFactory make, std::vector<Events> events = {})
      : info(std::move(info)),
        inventory(std::move(inventory)),
        make(std::move(make)),
        events(std::move(events)) {}
  TypeInfo info;
  Inventory inventory;
  ProviderFactory make;
  std::vector<Events> events;
};

// Adds each of `types` of `service`: each carries the service's name, error
// codes and event source, and registers its inventory (common::inventoryOf).
void add(Registry& registry, std::vector<Type> types, const Service& service);

}  // namespace driftless::common
