#pragma once
// Runs a type's Inventory (providers/type_info.h): the list calls that name
// every resource of the type in the account and region, for `driftless
// unmanaged --all`. One mechanism for every type; each provider folder declares
// only data (inventory.cpp).
#include <string>
#include <vector>

#include "providers/asio.h"
#include "providers/aws/client.h"
#include "providers/common/inventory_spec.h"
#include "providers/provider.h"

namespace driftless::common {

// The ARNs of every resource of a type `inventory` lists (through `service`,
// the type's, unless Inventory::service names another), AWS's own left out
// (Inventory::skipContaining/skipEnding/skipIfSet). Empty when it is not listed.
Awaitable<Result<std::vector<std::string>>> listInventory(aws::Client& aws,
                                                          const ProviderContext& ctx,
                                                          const std::string& service,
                                                          const Inventory& inventory);

// True when the InventoryCheck, read for `arn`, says it is not to be reported
// (AWS's own, or carrying an ownership tag); false without a check.
Awaitable<Result<bool>> inventorySkips(aws::Client& aws, const std::string& service,
                                       const Inventory& inventory, const std::string& arn);

// "{a}" placeholders of `tmpl` replaced by `vars` (unknown ones kept as written).
std::string expandTemplate(std::string_view tmpl,
                           const std::vector<std::pair<std::string, std::string>>& vars);

// The part of an ARN, URL or name after its last '/' or ':'.
std::string lastPart(std::string_view value);

}  // namespace driftless::common
