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
  // What the manifest says about the resource beyond its AWS properties. Written
  // by every cycle whatever it executed: a commit that only adds
  // `DeletionPolicy: Retain` must protect the resource from the next prune.
  std::string deletionPolicy = "Delete";       // Delete | Retain
  std::string updateReplacePolicy = "Delete";  // Delete | Retain
  bool adopt = false;                          // Metadata.driftless.adopt
  bool allowReplace = false;                   // Metadata.driftless.allowReplace

  bool operator==(const AppliedResource&) const = default;
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

  bool operator==(const StackState&) const = default;
};

// A creation under way (crash-safe creation): written to state before the
// first create call of a cycle, cleared once the resource's own entry is
// written. A live resource with this name but without (or with partial)
// ownership tags is then recognised as ours and completed, never reported as a
// conflict: a create interrupted between its calls (CreateBucket done, its
// tagging not) converges on the next cycle.
struct CreateIntent {
  std::string id;          // "stack/LogicalId"
  std::string type;        // AWS::S3::Bucket
  std::string physicalId;  // the name it is created under
  std::string cycle;       // the cycle that started it

  bool operator==(const CreateIntent&) const = default;
};

struct EnvironmentState {
  int version = 1;
  std::string environment;
  std::string region;
  std::string account;
  std::string timestamp;  // RFC 3339 UTC
  std::string commit;     // last commit applied (fully or partly)
  std::map<std::string, StackState> stacks;
  std::vector<CreateIntent> intents;  // creations started and not yet recorded
  // The lease this state was written under ("<holder> <lease token>"): set by
  // the Store when it fences the environment (state-format.md, "Fencing").
  std::string lease;
  // Not serialized: readState returned this controller's own last copy because
  // the state bucket could not be reached (the cycle must not prune).
  bool localCopy = false;
  // Not serialized: readStateKept returned the copy kept since the last cycle
  // (state.json had not changed), not a fresh read.
  bool kept = false;

  // Whether two states record the same thing (the write timestamp aside): a
  // cycle writes state.json when what it records changed, not otherwise.
  bool sameContent(const EnvironmentState& o) const {
    return version == o.version && environment == o.environment && region == o.region &&
           account == o.account && commit == o.commit && stacks == o.stacks && intents == o.intents;
  }
  const CreateIntent* intent(const ResourceId& id) const {
    std::string key = id.str();
    for (const auto& i : intents)
      if (i.id == key) return &i;
    return nullptr;
  }
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
