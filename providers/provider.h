#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/asio.h"
#include "providers/error.h"
#include "providers/resource_id.h"
#include "providers/type_info.h"
#include "providers/value.h"

namespace driftless {

namespace aws {
class Client;
}
namespace common {
class TagSnapshot;
class ObserveBatch;
}  // namespace common

// The ownership tags of SPEC §4, on every taggable resource driftless creates.
inline constexpr std::string_view kTagController = "driftless:controller";
inline constexpr std::string_view kTagEnvironment = "driftless:environment";
inline constexpr std::string_view kTagStack = "driftless:stack";
inline constexpr std::string_view kTagLogicalId = "driftless:logical-id";
inline constexpr std::string_view kTagPrefix = "driftless:";

struct Ownership {
  std::string controller;
  std::string environment;
  std::string stack;
  std::string logicalId;
  friend bool operator==(const Ownership&, const Ownership&) = default;
};

// What the manifests (or, for an orphan, the state) say a resource should be.
struct Desired {
  ResourceId id;
  std::string type;
  // Fully resolved properties: only those written in the manifest, which are
  // exactly the managed ones. For an orphan being removed: the last applied ones.
  Properties properties = Value::object();
  // The physical id: the physical name (BucketName, QueueName, ...) or, for types
  // whose id AWS assigns (SNS subscriptions), the id recorded in state; empty
  // before such a resource is created.
  std::string physicalId;
  bool adopt = false;  // Metadata.driftless.adopt
};

// What is live. Produced by observe/create/update; never an error for "absent".
struct Observed {
  bool exists = false;
  std::string physicalId;
  // Live values in manifest shape, at least every property Desired manages
  // (a managed property absent live is simply missing here). Secret values are
  // here in clear only so diff can compare them; callers hash them before storing.
  Properties properties = Value::object();
  // Values for Ref/GetAtt ("Arn", "QueueUrl", ...), as in the CloudFormation reference.
  Value attributes = Value::object();
  // From the ownership tags; nullopt when the resource carries none (unowned).
  // Non-taggable types leave this empty and reconcile/ uses state instead.
  std::optional<Ownership> owner;
  // "" when usable; a transitional status such as "CREATING" or "UPDATING"
  // (reported as such, never as drift).
  std::string status;
};

struct PropertyChange {
  std::string path;              // "RedrivePolicy.maxReceiveCount", "Tags"
  std::optional<Value> desired;  // nullopt: not wanted (removed)
  std::optional<Value> live;     // nullopt: absent live
};

// Which managed properties differ, after the type's normalisation.
struct Delta {
  std::vector<PropertyChange> changes;

  bool empty() const { return changes.empty(); }
  // True when `path` or anything below or above it differs (ACK's differentAt):
  // differentAt("Tags") lets a provider make only the tagging calls.
  bool differentAt(std::string_view path) const;
  // True when every change is below one of `paths`.
  bool onlyAt(std::initializer_list<std::string_view> paths) const;
};

// Per-environment context a provider is created with.
struct ProviderContext {
  aws::Client* aws = nullptr;  // signs, retries, and knows region/endpoint/credentials
  std::string region;
  std::string accountId;
  std::string partition = "aws";
  std::string controllerId;
  std::string environment;
  // The tags of the environment's resources read in bulk for one observation
  // (providers/common/tag_snapshot.h); null or not loaded: each provider reads
  // its resources' tags itself.
  std::shared_ptr<common::TagSnapshot> tagSnapshot;
  // The physical ids in state per type for one observation, and what a type's
  // provider read of them in bulk (providers/common/observe_batch.h): one
  // Describe call per type instead of one per resource. Null: read one by one.
  std::shared_ptr<common::ObserveBatch> observeBatch;

  // [{Key, Value}] of the four ownership tags for `id`.
  Value ownershipTags(const ResourceId& id) const;
  Ownership ownership(const ResourceId& id) const {
    return {controllerId, environment, id.stack, id.logicalId};
  }
};

// One resource type's lifecycle (after Crossplane's ExternalClient). All calls
// are idempotent and safe to repeat after a crash at any point.
class Provider {
 public:
  virtual ~Provider() = default;

  virtual const TypeInfo& info() const = 0;

  // Reads live state and never writes. Calls only the APIs for what `desired`
  // manages (no GetBucketLifecycle when lifecycle is not in the manifest).
  // An absent resource is Observed{.exists = false}, not an error.
  virtual Awaitable<Result<Observed>> observe(const Desired& desired) = 0;

  // Pure: which managed properties differ between desired and live, after this
  // type's normalisation (AWS defaults, numbers as strings, policy documents,
  // tags as a set ignoring the ownership tags). The default compares by schema.
  virtual Delta diff(const Desired& desired, const Observed& live) const;

  // Creates the resource with the ownership tags and returns what is live,
  // waiting (bounded) until it is usable so dependents can refer to it.
  virtual Awaitable<Result<Observed>> create(const Desired& desired) = 0;

  // Brings the live resource to `desired`, calling only what `delta` needs
  // (a tags-only delta makes only tagging calls). With adopt, adds the ownership tags.
  virtual Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                             const Delta& delta) = 0;

  // Deletes the resource; an already-absent resource is success. Never empties
  // data on its own (a non-empty bucket is an error that says so).
  virtual Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) = 0;
};

}  // namespace driftless
