#pragma once
// The plan (SPEC §4): a PURE function of the desired state, the live state and
// the last applied state. Same inputs, same Plan; no I/O.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "providers/provider.h"
#include "reconcile/live_state.h"
#include "reconcile/manifest.h"
#include "reconcile/provider_set.h"
#include "state/state_types.h"

namespace driftless::reconcile {

// Differences::path of an adoption (or the completion of an interrupted
// create): the update writes the ownership tags even when nothing else differs.
inline constexpr std::string_view kOwnershipPath = "(ownership)";

enum class ActionKind {
  Create,        // desired, absent live
  Update,        // desired, live differs in mutable managed properties
  Replace,       // desired, an immutable managed property differs: delete then create
  Delete,        // orphan (in state, gone from git), DeletionPolicy Delete
  Release,       // orphan with DeletionPolicy Retain: forgotten from state, left live
  Conflict,      // live with the physical name, not owned by us, and no adopt
  Noop,          // desired and live agree
  Transitional,  // live is CREATING/UPDATING/...: left alone this cycle
  Unobserved,    // observe failed: nothing is known, nothing is done
};
std::string_view toString(ActionKind kind);  // "create", "update", ...

// Why a difference exists (SPEC §4).
enum class Cause {
  Change,  // git moved: desired differs from last applied (or resource is new)
  Drift,   // live moved away from last applied, or a managed resource is missing
};
std::string_view toString(Cause cause);  // "change", "drift"

struct Difference {
  std::string path;              // "RedrivePolicy.maxReceiveCount", "Tags"
  std::optional<Value> live;     // nullopt = absent live
  std::optional<Value> desired;  // nullopt = not wanted; may hold unresolved intrinsics
  Cause cause = Cause::Change;
  bool immutable = false;  // changing it replaces the resource
  bool secret = false;     // values never rendered
};

struct Action {
  ResourceId id;
  std::string type;
  std::string physicalId;  // "" when known after apply
  ActionKind kind = ActionKind::Noop;
  // Change or drift; for a missing managed resource, Drift; for Delete/Release, Change.
  Cause cause = Cause::Change;
  std::vector<Difference> differences;  // Update/Replace: the differing paths, sorted
  // Non-empty when the action will NOT be executed, and why ("replace refused:
  // set Metadata.driftless.allowReplace", "drift not corrected (selfHeal: false)",
  // "prune disabled", "exists and is not owned by driftless ...").
  std::string blockedReason;
  // What to converge to (properties may hold unresolved intrinsics; the executor
  // resolves them from the dependencies' results). For Delete/Release the last applied.
  Desired desired;
  // The live resource as observed (exists=false when absent).
  Observed live;
  const TypeInfo* info = nullptr;        // null only for orphans of a type no longer registered
  std::vector<ResourceId> dependencies;  // Delete/Release: its dependents in state (reverse edges)
  std::string deletionPolicy = "Delete";
  std::string updateReplacePolicy = "Delete";
  bool allowReplace = false;   // Metadata.driftless.allowReplace (adopt: desired.adopt)
  bool orphan = false;         // in state, gone from git (Delete/Release/Conflict/Unobserved)
  bool generatedName = false;  // the physical name was generated (the template gives none)
  std::vector<std::string> secretPaths;
  int wave = -1;  // index into Plan::waves; -1 when not executed

  // A mutating kind (create/update/replace/delete/release) that is not blocked.
  bool executes() const;
  bool drifted() const;  // any difference, or the action itself, caused by drift
};

// Hashes a secret value the way state stores it (state::SecretHasher::hash).
using SecretHash = std::function<std::string(const Value&)>;

struct PlanOptions {
  bool prune = true;              // delete/release orphans; false = report them (blocked)
  bool selfHeal = true;           // false = drift is recorded, not corrected
  double maxPruneFraction = 0.5;  // of the managed (last applied) resources
  bool allowMassPrune = false;    // --allow-mass-prune
  // Ownership a resource must carry to be ours (controller id and environment).
  std::string controllerId;
  std::string environment;
  // Diff per type; defaults to schemaDiff. Pass ProviderSet::differ() for the
  // providers' own normalisation.
  Differ differ;
  // Hashes a secret value the way state stores it, to compare desired secrets
  // with the last applied ones; default: compares clear values only (a stored
  // hash then never matches, so secrets count as changed).
  SecretHash hashSecret;
};

struct PlanSummary {
  std::size_t create = 0, update = 0, replace = 0, remove = 0, release = 0;
  std::size_t conflict = 0, noop = 0, transitional = 0, unobserved = 0;
  std::size_t drifted = 0;  // resources with any drift (corrected or not)
  std::size_t blocked = 0;  // actions not executed because of a policy
};

struct Plan {
  std::string commit;
  std::string environment;
  // Every desired and every last applied resource, sorted by id: one action each.
  std::vector<Action> actions;
  // Indices into `actions` of what executes, in order: creates/updates/replaces
  // by dependency depth, then deletes/releases with dependents first.
  std::vector<std::vector<std::size_t>> waves;
  // Set when the whole plan is refused (mass prune guard): nothing executes.
  std::string refusal;
  PlanSummary summary;

  // Something to do or drift to report (the `driftless plan` exit code 2).
  bool hasChangesOrDrift() const;
  const Action* find(const ResourceId& id) const;
};

Plan plan(const DesiredState& desired, const LiveState& live,
          const state::EnvironmentState& lastApplied, const PlanOptions& options);
// The same plan, taking over what it would copy: the properties of each
// resource with nothing to resolve (moved out of `desired`, whose ids, types,
// dependencies and outputs stay) and every observation (moved out of `live`,
// whose errors stay). For a cycle's peak memory; neither input is read for
// those values again.
Plan planTakingOver(DesiredState& desired, LiveState& live,
                    const state::EnvironmentState& lastApplied, const PlanOptions& options);

}  // namespace driftless::reconcile
