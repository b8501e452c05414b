#pragma once
// The state driftless keeps per environment (SPEC §5, CDK-shaped state.json).
// Types only: reading and writing them is state/records.*.
#include <map>
#include <string>
#include <vector>

#include "providers/resource_id.h"
#include "providers/value.h"

namespace driftless::state {

// One resource as last applied.
struct AppliedResource {
  std::string type;
  std::string physicalId;
  // The properties as last applied (managed ones only). Secret values are kept
  // as "hmac-sha256:<hex>" keyed hashes (state/secrets.h), never in clear.
  Value properties = Value::object();
  Value attributes = Value::object();     // Arn, QueueUrl, ... (for Ref/GetAtt)
  std::vector<std::string> dependencies;  // "stack/LogicalId"
  std::string commit;                     // commit that last applied it
  std::string deletionPolicy = "Delete";  // Delete | Retain
};

// One of a template's Outputs as last applied (its value resolved from the
// resources' attributes). A secret output (from a NoEcho parameter) is kept
// masked, never in clear.
struct AppliedOutput {
  Value value;
  std::string exportName;  // "" = not exported
  std::string description;
  bool secret = false;
  friend bool operator==(const AppliedOutput&, const AppliedOutput&) = default;
};

struct StackState {
  std::map<std::string, AppliedResource> resources;  // by LogicalId
  std::map<std::string, AppliedOutput> outputs;      // by output name; absent when none
};

struct EnvironmentState {
  int version = 1;
  std::string environment;
  std::string region;
  std::string account;
  std::string timestamp;  // RFC 3339 UTC
  std::string commit;     // last commit applied (fully or partly)
  std::map<std::string, StackState> stacks;

  const AppliedResource* find(const ResourceId& id) const {
    auto s = stacks.find(id.stack);
    if (s == stacks.end()) return nullptr;
    auto r = s->second.resources.find(id.logicalId);
    return r == s->second.resources.end() ? nullptr : &r->second;
  }
  std::size_t resourceCount() const {
    std::size_t n = 0;
    for (const auto& [k, s] : stacks)
      n += s.resources.size();
    return n;
  }
};

}  // namespace driftless::state
