#pragma once
// Crash recovery for types whose id AWS assigns (a KMS key id): a create
// interrupted after its first call and before state recorded the id leaves a
// resource that only its ownership tags (created with it) tie to the manifest.
// One Resource Groups Tagging API call finds it, so the next cycle adopts it
// instead of creating a second one.
#include <string>
#include <string_view>
#include <vector>

#include "providers/asio.h"
#include "providers/error.h"
#include "providers/provider.h"

namespace driftless::common {

// A Tagging API TagFilter: {"Key": key, "Values": [value]}.
Value tagFilter(std::string_view key, const std::string& value);

// The ARNs of live resources of `resourceType` ("kms:key", the Tagging API's
// service[:type] filter) that carry all four ownership tags of `id`.
Awaitable<Result<std::vector<std::string>>> ownedArns(const ProviderContext& ctx,
                                                      std::string_view resourceType,
                                                      const ResourceId& id);

}  // namespace driftless::common
