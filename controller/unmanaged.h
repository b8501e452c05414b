#pragma once
// What driftless does not manage (driftctl's "unmanaged" report, done cheaply):
// resources carrying this controller's ownership tags for an environment that
// are in no state (leaked by a crash, or left by a removed environment), found
// with the Resource Groups Tagging API (GetResources, 100 per page); and, when
// asked, resources of the managed types in the account and region that carry no
// ownership tags at all (one list call per type). Used by `driftless unmanaged`
// and by the daemon's periodic scan (driftless_unmanaged_resources).
#include <string>
#include <vector>

#include "controller/runtime.h"
#include "providers/asio.h"

namespace driftless::controller {

struct UnmanagedResource {
  std::string kind;  // "leaked" (our tags, no state) | "untagged" (no ownership tags)
  std::string type;  // AWS::SQS::Queue (from the ARN)
  std::string arn;
  std::string resource;  // "stack/LogicalId" from the ownership tags (leaked only)
};

struct UnmanagedReport {
  std::vector<UnmanagedResource> resources;
  std::size_t count(const std::string& kind) const;
  Value toValue(const std::string& env) const;
  std::string toText(const std::string& env) const;
};

// `all`: also untagged resources of the managed types, listed with each type's
// Inventory (providers/common/inventory_spec.h): those carrying no ownership tag that no
// state of this controller's environments names. IAM is global and outside the
// Tagging API: it is left out of the leaked scan and its tags are read per role,
// policy and instance profile in the untagged one.
Awaitable<Result<UnmanagedReport>> findUnmanaged(Runtime& runtime, EnvironmentRuntime& env,
                                                 bool all);

// The CloudFormation type of an ARN's resource by the types' Inventory::arnMatch,
// "" when driftless does not manage it.
std::string typeOfArn(const Registry& registry, std::string_view arn);

}  // namespace driftless::controller
