#pragma once
// A service folder's data in one value, and the registry line that adds one of
// its types. Each folder's register.cpp declares its Service (name, error
// codes, and the endpoint row of a service providers/aws/endpoints.cpp does not
// list) and adds every type of the folder with common::add.
#include <optional>
#include <string>
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
};

// Adds `type`, a resource type of `service` written to by `changeEvents`, made
// by `factory`: the type carries the service's name and error codes.
void add(Registry& registry, const Service& service, TypeInfo type,
         std::vector<ChangeEventRule> changeEvents, ProviderFactory factory);

// A type with how `driftless unmanaged --all` lists it (inventory_spec.h).
struct Listed {
  TypeInfo type;
  Inventory inventory;
};
inline Listed withInventory(TypeInfo type, Inventory inventory) {
  return {std::move(type), std::move(inventory)};
}

// As above, and registers the type's inventory (common::inventoryOf).
void add(Registry& registry, const Service& service, Listed listed,
         std::vector<ChangeEventRule> changeEvents, ProviderFactory factory);

}  // namespace driftless::common
