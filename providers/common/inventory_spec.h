#pragma once
// How `driftless unmanaged --all` lists a type's resources, as data (the
// declarations each provider folder's inventory.cpp makes). Kept apart from
// TypeInfo: only the folders' registration, the runner
// (providers/common/inventory.h) and the controller's scan need it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace driftless {

// How `driftless unmanaged --all` lists every resource of a type in the
// account and region (IAM: the account), as data: one list call, or a chain of
// them where each next call runs once per item of the one before (a function's
// versions, an event bus's rules). Declared by each provider folder
// (inventory.cpp) and registered with its type (common::add, service.h);
// providers/common/inventory.cpp runs it.
struct InventoryCall {
  enum class Protocol { Json, Query, RestJson, RestXml };
  Protocol protocol = Protocol::Json;
  std::string operation;  // "ListQueues" (REST: for stats and errors)
  std::string path;       // REST: "/2015-03-31/functions/{parent}/versions"
  // Request fields (JSON body strings, query-protocol parameters, REST query
  // string); "{parent}" is the name of the previous call's item.
  std::vector<std::pair<std::string, std::string>> params;
  std::string items;     // dotted path to the list: "QueueUrls", "Topics.member", "Buckets.Bucket"
  std::string field;     // in each item, the string naming it ("" = the item itself)
  std::string tokenIn;   // pagination: the response's `tokenOut` is sent back as `tokenIn`
  std::string tokenOut;  // (query protocol: IsTruncated/Marker and NextToken are handled)
};

// A read per listed resource not already known as managed, telling AWS's own
// apart (an AWS-managed KMS key) or another controller's (an IAM role's tags,
// which the Tagging API does not carry).
struct InventoryCheck {
  std::string operation;                // "" = none; same protocol as the first call
  std::string param;                    // "RoleName"
  std::string from;                     // "{value}" or "{last}" (see Inventory::arn)
  std::string path;                     // "Tags.member.Key", "KeyMetadata.KeyManager"
  std::vector<std::string> skipValues;  // skip the resource when a value at `path` is one
};

struct Inventory {
  // How an ARN of the type looks, "<service>:<resource prefix>" (the resource is
  // what follows the account): "dynamodb:table/", "iam:role/", "sqs:". Names the
  // type of a leaked resource the Tagging API returns; empty where it would be
  // ambiguous (a function's versions and aliases look like the function).
  std::string arnMatch;
  std::string service;  // the AWS client's service when it is not TypeInfo::service ("monitoring")
  std::vector<InventoryCall> calls;  // empty: not listed (see `notListed`)
  // The ARN of a listed item from its string: "" = the string is the ARN; else a
  // template of {partition} {region} {account}, {value} (the string), {last}
  // (its part after the last '/' or ':') and {path} ({value} without a leading '/').
  std::string arn;
  // AWS's own resources, never reported: ARNs containing / ending with these.
  std::vector<std::string> skipContaining;
  std::vector<std::string> skipEnding;
  // JSON items with a non-empty one of these fields are another service's
  // (a rule's ManagedBy, a secret's OwningService).
  std::vector<std::string> skipIfSet;
  InventoryCheck check;
  // Why a type is not listed (a policy or sub-resource of another resource has
  // no "untagged resource" of its own). Shown by docs; empty for listed types.
  std::string notListed;
};

namespace common {

// The inventory registered for `type` (common::add), nullptr when none was.
// Registered once per process with the builtin types; the values are constants.
const Inventory* inventoryOf(std::string_view type);
void registerInventory(const std::string& type, Inventory inventory);

}  // namespace common

}  // namespace driftless
