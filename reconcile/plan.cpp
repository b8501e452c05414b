#include "reconcile/plan.h"

#include <algorithm>
#include <map>

#include "providers/compare.h"
#include "reconcile/graph.h"
#include "reconcile/intrinsics.h"
#include "reconcile/observe.h"
#include "reconcile/property_paths.h"

namespace driftless::reconcile {

std::string_view toString(ActionKind kind) {
  switch (kind) {
    case ActionKind::Create:
      return "create";
    case ActionKind::Update:
      return "update";
    case ActionKind::Replace:
      return "replace";
    case ActionKind::Delete:
      return "delete";
    case ActionKind::Release:
      return "release";
    case ActionKind::Conflict:
      return "conflict";
    case ActionKind::Noop:
      return "noop";
    case ActionKind::Transitional:
      return "transitional";
    case ActionKind::Unobserved:
      return "unobserved";
  }
  return "unknown";
}

std::string_view toString(Cause cause) {
  return cause == Cause::Drift ? "drift" : "change";
}

bool Action::executes() const {
  switch (kind) {
    case ActionKind::Create:
    case ActionKind::Update:
    case ActionKind::Replace:
    case ActionKind::Delete:
    case ActionKind::Release:
      return blockedReason.empty();
    default:
      return false;
  }
}

bool Action::drifted() const {
  if (cause == Cause::Drift) return true;
  return std::any_of(differences.begin(), differences.end(),
                     [](const Difference& d) { return d.cause == Cause::Drift; });
}

bool Plan::hasChangesOrDrift() const {
  for (const auto& a : actions) {
    switch (a.kind) {
      case ActionKind::Create:
      case ActionKind::Update:
      case ActionKind::Replace:
      case ActionKind::Delete:
      case ActionKind::Release:
      case ActionKind::Conflict:
        return true;
      default:
        if (a.drifted()) return true;
    }
  }
  return false;
}

const Action* Plan::find(const ResourceId& id) const {
  auto it = std::lower_bound(actions.begin(), actions.end(), id,
                             [](const Action& a, const ResourceId& k) { return a.id < k; });
  return it != actions.end() && it->id == id ? &*it : nullptr;
}

namespace {

bool ownedBy(const Observed& live, const ResourceId& id, const PlanOptions& o) {
  if (!live.owner) return false;
  const Ownership& w = *live.owner;
  return (o.controllerId.empty() || w.controller == o.controllerId) &&
         (o.environment.empty() || w.environment == o.environment) && w.stack == id.stack &&
         w.logicalId == id.logicalId;
}

// A creation of ours that was interrupted between its calls (state holds its
// intent under this name) and left the resource without our ownership tags,
// or with only some of them: ours to complete, not a conflict. A resource
// carrying another controller's or environment's ownership stays a conflict.
bool interruptedCreate(const state::EnvironmentState& lastApplied, const ResourceId& id,
                       const std::string& physicalId, const Observed& live, const PlanOptions& o) {
  const state::CreateIntent* intent = lastApplied.intent(id);
  if (!intent || intent->physicalId.empty() || intent->physicalId != physicalId) return false;
  if (!live.owner) return true;
  const Ownership& w = *live.owner;
  auto ours = [](const std::string& have, const std::string& want) {
    return have.empty() || want.empty() || have == want;
  };
  return ours(w.controller, o.controllerId) && ours(w.environment, o.environment) &&
         ours(w.stack, id.stack) && ours(w.logicalId, id.logicalId);
}

std::string ownerText(const Observed& live) {
  if (!live.owner) return "exists and is not owned by driftless";
  const Ownership& w = *live.owner;
  return "exists and is owned by controller '" + w.controller + "' (environment '" + w.environment +
         "', resource " + w.stack + "/" + w.logicalId + ")";
}

// Whether the desired value at `path` is the one last applied (so a live
// difference there is drift, not a change from git).
bool sameAsApplied(const PlanOptions& o, const Value& desiredProps, const Value* applied,
                   std::string_view path, bool secret, const PropertySpec* spec) {
  if (!applied) return false;
  const Value* d = desiredProps.findPath(path);
  const Value* a = applied->findPath(path);
  if (!d || !a) return !d && !a;
  if (hasUnresolved(*d)) return false;
  if (secret) {
    if (*d == *a) return true;
    return o.hashSecret && Value(o.hashSecret(*d)) == *a;
  }
  if (*d == *a) return true;
  return spec ? equivalent(*spec, *d, *a) : canonicalJson(*d) == canonicalJson(*a);
}

// A resource that could not be observed blocks only itself and what depends on
// it (the rest of the cycle converges): a desired resource waiting for it is
// not created or changed, and an orphan it depends on is not deleted before it.
// `order` lists the desired actions dependencies-first.
void blockBehindUnobserved(std::vector<Action>& actions, const std::vector<std::size_t>& order,
                           std::vector<Action>& orphans) {
  std::map<ResourceId, std::string> unobservable;  // id -> the unobserved root
  for (const auto& o : orphans)
    if (o.kind == ActionKind::Unobserved) unobservable.emplace(o.id, o.id.str());
  for (std::size_t i : order) {
    Action& a = actions[i];
    if (a.kind == ActionKind::Unobserved) {
      unobservable.emplace(a.id, a.id.str());
      continue;
    }
    for (const auto& dep : a.dependencies) {
      auto it = unobservable.find(dep);
      if (it == unobservable.end()) continue;
      if (a.executes())
        a.blockedReason = "waits for " + it->second + ", which could not be observed";
      unobservable.emplace(a.id, it->second);
      break;
    }
  }
  for (auto& o : orphans) {  // o.dependencies: the orphans that depended on it
    for (const auto& dep : o.dependencies) {
      auto it = unobservable.find(dep);
      if (it == unobservable.end() || !o.executes()) continue;
      o.blockedReason = "kept while " + it->second + ", which depends on it, cannot be observed";
      break;
    }
  }
}

// What the plan takes of its inputs. A plan that takes them over
// (planTakingOver) moves the observations and the properties into the actions
// instead of copying them: at 10,000 resources each copy of the live or the
// desired trees cost tens of MiB of peak RSS. The caller handed the inputs over
// as non-const references, so the const_casts are well-defined; each resource
// is taken by exactly one action.
struct Take {
  bool consume = false;
  Observed observed(const LiveResource& lr) const {
    if (consume) return std::move(const_cast<Observed&>(*lr.observed));
    return *lr.observed;
  }
  // The manifest's properties when there is nothing in them to resolve (the
  // resolved copy would be the same tree); the copy observe was called with is
  // dropped with them.
  std::optional<Value> resolved(const DesiredResource& r, const LiveResource* lr) const {
    if (!consume || hasUnresolved(r.properties)) return std::nullopt;
    if (lr) const_cast<Value&>(lr->desired.properties) = Value::object();
    return std::move(const_cast<Value&>(r.properties));
  }
};

// The desired resource's action before anything is known of its live side.
Action actionFor(const DesiredResource& r) {
  Action a;
  a.id = r.id;
  a.type = r.type;
  a.info = r.info;
  a.dependencies = r.dependencies;
  a.deletionPolicy = r.deletionPolicy;
  a.updateReplacePolicy = r.updateReplacePolicy;
  a.allowReplace = r.allowReplace;
  a.generatedName = r.generatedName;
  a.secretPaths = r.secretPaths;
  a.desired.id = r.id;
  a.desired.type = r.type;
  a.desired.adopt = r.adopt;
  a.desired.physicalId = r.physicalId;
  return a;
}

std::string observeFailure(const LiveResource* lr) {
  return lr && lr->error ? "observe failed: " + lr->error->describe() : std::string("not observed");
}

// The differences between desired and live of an owned (or adopted) resource,
// each a change (git moved) or drift (live moved away from what was applied).
struct Diffed {
  bool anyChange = false;
  std::string immutablePaths;  // "" = every difference can change in place
};

Diffed diffAgainstLive(Action& a, const DesiredResource& r, const state::AppliedResource* applied,
                       const PlanOptions& options) {
  Delta delta = options.differ ? options.differ(*a.info, a.desired, a.live)
                               : schemaDiff(*a.info, a.desired, a.live);
  Diffed out;
  for (auto& c : delta.changes) {
    Difference d;
    d.path = c.path;
    d.live = std::move(c.live);
    d.desired = std::move(c.desired);
    d.immutable = immutableAt(a.info, d.path);
    d.secret = secretAt(r.secretPaths, a.info, d.path);
    bool same =
        sameAsApplied(options, a.desired.properties, applied ? &applied->properties : nullptr,
                      d.path, d.secret, specAt(a.info, d.path));
    d.cause = same ? Cause::Drift : Cause::Change;
    out.anyChange = out.anyChange || d.cause == Cause::Change;
    if (d.immutable) out.immutablePaths += (out.immutablePaths.empty() ? "" : ", ") + d.path;
    a.differences.push_back(std::move(d));
  }
  std::sort(a.differences.begin(), a.differences.end(),
            [](const Difference& x, const Difference& y) { return x.path < y.path; });
  return out;
}

// Update, Replace (refused without allowReplace) or Noop, from the differences.
void classifyDifferences(Action& a, const DesiredResource& r, const state::AppliedResource* applied,
                         bool owned, bool resuming, const PlanOptions& options) {
  Diffed diffed = diffAgainstLive(a, r, applied, options);
  if (!owned) {
    // Adopting: the update writes the ownership tags even when nothing else differs.
    Difference d;
    d.path = std::string(kOwnershipPath);
    d.desired = Value(resuming ? "complete an interrupted create" : "adopt");
    a.differences.insert(a.differences.begin(), std::move(d));
    diffed.anyChange = true;
  }
  if (a.differences.empty()) {
    a.kind = ActionKind::Noop;
    return;
  }
  a.cause = diffed.anyChange ? Cause::Change : Cause::Drift;
  if (!diffed.immutablePaths.empty()) {
    a.kind = ActionKind::Replace;
    if (!r.allowReplace)
      a.blockedReason = "replace refused: " + diffed.immutablePaths +
                        " cannot change in place; set Metadata.driftless.allowReplace: true";
  } else {
    a.kind = ActionKind::Update;
  }
  if (a.cause == Cause::Drift && !options.selfHeal && a.blockedReason.empty())
    a.blockedReason = "drift not corrected (selfHeal: false)";
}

// Renamed in git and absent under its new name (LiveState::renamedFrom): the
// resource still live under its old name is replaced (allowReplace), never
// left behind while the new name is created. False when there is nothing of
// the old name to act on and the rename is a plain create.
bool classifyRenamed(Action& a, const DesiredResource& r, const LiveResource& old,
                     const state::EnvironmentState& lastApplied, const PlanOptions& options,
                     const Take& take) {
  const state::AppliedResource* applied = lastApplied.find(r.id);
  std::string from = "renamed from " + old.desired.physicalId + ": ";
  if (!old.observed) {
    a.kind = ActionKind::Unobserved;
    a.physicalId = old.desired.physicalId;
    a.blockedReason = from + observeFailure(&old);
    return true;
  }
  if (!old.observed->exists) return false;
  a.live = take.observed(old);
  a.physicalId = a.live.physicalId.empty() ? old.desired.physicalId : a.live.physicalId;
  if (!a.live.status.empty()) {
    a.kind = ActionKind::Transitional;
    a.blockedReason = from + "resource is " + a.live.status + "; left alone this cycle";
    return true;
  }
  bool owned = ownedBy(a.live, r.id, options) || (!a.live.owner && !a.info->taggable && applied &&
                                                  applied->physicalId == a.physicalId);
  if (!owned) return false;  // not ours under the old name: nothing to replace
  classifyDifferences(a, r, applied, true, false, options);
  // The name is what changed: whatever the schema says of it, not in place.
  a.kind = ActionKind::Replace;
  a.cause = Cause::Change;
  if (!r.allowReplace)
    a.blockedReason = "replace refused: " + a.info->physicalNameProperty + " changed from '" +
                      old.desired.physicalId +
                      "' and cannot change in place; set Metadata.driftless.allowReplace: true";
  else
    a.blockedReason.clear();
  return true;
}

// One desired resource against its observation: what to do about it.
void classifyDesired(Action& a, const DesiredResource& r, const LiveResource* lr,
                     const LiveResource* previous, const state::EnvironmentState& lastApplied,
                     const PlanOptions& options, const Take& take) {
  const state::AppliedResource* applied = lastApplied.find(r.id);
  if (!a.info && lr) a.info = lr->info;
  if (!a.info) {
    a.kind = ActionKind::Unobserved;
    a.blockedReason = "unknown resource type " + r.type;
    return;
  }
  if (!lr || !lr->observed) {
    a.kind = ActionKind::Unobserved;
    a.blockedReason = observeFailure(lr);
    if (applied) a.physicalId = applied->physicalId;
    return;
  }
  a.live = take.observed(*lr);
  if (a.desired.physicalId.empty()) a.desired.physicalId = lr->desired.physicalId;
  a.physicalId =
      a.live.exists && !a.live.physicalId.empty() ? a.live.physicalId : a.desired.physicalId;
  if (a.desired.physicalId.empty()) a.desired.physicalId = a.physicalId;
  if (!a.live.exists && previous && classifyRenamed(a, r, *previous, lastApplied, options, take))
    return;
  if (!a.live.exists) {
    a.kind = ActionKind::Create;
    a.cause = applied && !previous ? Cause::Drift : Cause::Change;
    if (a.cause == Cause::Drift && !options.selfHeal)
      a.blockedReason = "managed resource is missing; not recreated (selfHeal: false)";
    return;
  }
  if (!a.live.status.empty()) {
    a.kind = ActionKind::Transitional;
    a.blockedReason = "resource is " + a.live.status + "; left alone this cycle";
    return;
  }
  bool owned = ownedBy(a.live, r.id, options);
  if (!owned && !a.live.owner && !a.info->taggable)
    owned = applied && applied->physicalId == a.physicalId;  // state is the evidence
  bool resuming = !owned && interruptedCreate(lastApplied, r.id, a.physicalId, a.live, options);
  if (resuming) a.desired.adopt = true;  // the update writes the ownership tags
  if (!owned && !r.adopt && !resuming) {
    a.kind = ActionKind::Conflict;
    a.blockedReason = ownerText(a.live) + "; set Metadata.driftless.adopt: true to manage it";
    return;
  }
  classifyDifferences(a, r, applied, owned, resuming, options);
}

// Every desired resource's action (index-aligned with desired.resources),
// classified dependencies-first (`order`): values of dependencies that exist and
// stay are resolved now; those of dependencies to be created or replaced stay
// "known after apply".
std::vector<Action> classifyAllDesired(const DesiredState& desired, const LiveState& live,
                                       const state::EnvironmentState& lastApplied,
                                       const PlanOptions& options,
                                       const std::vector<std::size_t>& order, const Take& take) {
  std::vector<Action> actions(desired.resources.size());
  for (std::size_t i : order) {
    const DesiredResource& r = desired.resources[i];
    Action& a = actions[i];
    a = actionFor(r);
    const LiveResource* lr = live.find(r.id);
    if (auto same = take.resolved(r, lr)) {
      a.desired.properties = std::move(*same);
      classifyDesired(a, r, lr, live.previous(r.id), lastApplied, options, take);
      continue;
    }
    const std::string& stack = r.id.stack;
    a.desired.properties = resolvePartial(
        r.properties,
        [&](const std::string& logical, const std::string& attr) -> std::optional<Value> {
          const DesiredResource* dep = desired.find(referencedId(stack, logical));
          if (!dep) return std::nullopt;
          const Action& da = actions[static_cast<std::size_t>(dep - desired.resources.data())];
          if (da.kind == ActionKind::Create || da.kind == ActionKind::Replace ||
              da.kind == ActionKind::Unobserved)
            return std::nullopt;
          return attributeOf(da.info, da.live, attr);
        });
    classifyDesired(a, r, lr, live.previous(r.id), lastApplied, options, take);
  }
  return actions;
}

// Resources applied before and gone from git: delete, release, or keep.
struct Orphans {
  std::vector<Action> actions;
  // Among orphans, reverse edges: a dependency -> the orphans that depended on it.
  std::map<ResourceId, std::vector<ResourceId>> dependents;
  std::size_t prunes = 0;  // deletes that will run
};

Action orphanAction(const ResourceId& id, const state::AppliedResource& applied,
                    const LiveResource* lr, const PlanOptions& options, const Take& take) {
  Action a;
  a.id = id;
  a.type = applied.type;
  a.physicalId = applied.physicalId;
  a.orphan = true;
  a.deletionPolicy = applied.deletionPolicy;
  a.updateReplacePolicy = applied.updateReplacePolicy;
  a.desired.id = id;
  a.desired.type = applied.type;
  a.desired.properties = applied.properties;
  a.desired.physicalId = applied.physicalId;
  a.info = lr ? lr->info : nullptr;
  if (!lr || !lr->observed) {
    a.kind = ActionKind::Unobserved;
    a.blockedReason = observeFailure(lr);
    return a;
  }
  a.live = take.observed(*lr);
  if (a.live.exists && !a.live.physicalId.empty()) a.physicalId = a.live.physicalId;
  a.kind = a.deletionPolicy == "Retain" ? ActionKind::Release : ActionKind::Delete;
  bool taggable = !a.info || a.info->taggable;
  if (a.kind == ActionKind::Delete && a.live.exists && !ownedBy(a.live, id, options) &&
      (a.live.owner || taggable)) {
    a.kind = ActionKind::Conflict;
    a.blockedReason = ownerText(a.live) + "; not deleted";
  } else if (!options.prune) {
    a.blockedReason = "prune disabled: removed from git but kept";
  }
  return a;
}

Orphans classifyOrphans(const DesiredState& desired, const LiveState& live,
                        const state::EnvironmentState& lastApplied, const PlanOptions& options,
                        const Take& take) {
  Orphans out;
  for (const auto& [sname, stack] : lastApplied.stacks) {
    for (const auto& [lid, applied] : stack.resources) {
      ResourceId id{sname, lid};
      if (desired.find(id)) continue;
      for (const auto& dep : applied.dependencies) {
        ResourceId did = ResourceId::parse(dep);
        if (did.stack.empty()) did.stack = sname;
        out.dependents[did].push_back(id);
      }
      Action a = orphanAction(id, applied, live.find(id), options, take);
      if (a.kind == ActionKind::Delete && a.executes()) ++out.prunes;
      out.actions.push_back(std::move(a));
    }
  }
  for (auto& o : out.actions) {
    // A delete waits for the deletes of what depended on it.
    if (auto it = out.dependents.find(o.id); it != out.dependents.end())
      o.dependencies = it->second;
  }
  return out;
}

// The mass prune guard: "" or why the whole plan is refused.
std::string guardPrune(std::size_t prunes, std::size_t managed, const PlanOptions& options) {
  if (prunes == 0 || options.allowMassPrune || managed == 0 ||
      static_cast<double>(prunes) <= options.maxPruneFraction * static_cast<double>(managed))
    return "";
  return "refusing to delete " + std::to_string(prunes) + " of " + std::to_string(managed) +
         " managed resources (more than maxPruneFraction " +
         Value(options.maxPruneFraction).scalarText() +
         "); run apply with --allow-mass-prune if this is intended";
}

// Orphans deleted dependents-first: the depth of each in the reverse graph.
std::vector<int> orphanDepths(const Orphans& orphans) {
  std::map<ResourceId, std::size_t> index;
  for (std::size_t i = 0; i < orphans.actions.size(); ++i)
    index.emplace(orphans.actions[i].id, i);
  DependencyGraph graph;
  graph.dependsOn.resize(orphans.actions.size());
  for (std::size_t i = 0; i < orphans.actions.size(); ++i)
    if (auto it = orphans.dependents.find(orphans.actions[i].id); it != orphans.dependents.end())
      for (const auto& dependent : it->second)
        if (auto j = index.find(dependent); j != index.end())
          graph.dependsOn[i].push_back(j->second);
  return graph.depths();
}

// Reorders `items` and `keys` in place so that position k holds what was at
// order[k] (following each cycle of the permutation): no second array of
// actions, which at 10,000 resources is megabytes.
void permuteInPlace(std::vector<Action>& items, std::vector<std::pair<bool, int>>& keys,
                    std::vector<std::size_t> order) {
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (order[k] == k) continue;
    Action held = std::move(items[k]);
    auto heldKey = keys[k];
    std::size_t j = k;
    while (true) {
      std::size_t from = order[j];
      order[j] = j;
      if (from == k) {
        items[j] = std::move(held);
        keys[j] = heldKey;
        break;
      }
      items[j] = std::move(items[from]);
      keys[j] = keys[from];
      j = from;
    }
  }
}

// Actions sorted by id; waves: creates/updates/replaces by dependency depth,
// then deletes/releases dependents-first. A refused plan executes nothing.
void assignWaves(Plan& out, std::vector<Action> actions, const std::vector<int>& depth,
                 Orphans orphans) {
  std::vector<int> reverseDepth = orphanDepths(orphans);
  std::vector<std::pair<bool, int>> key;  // (isDelete, depth) per action
  key.reserve(actions.size() + orphans.actions.size());
  for (std::size_t i = 0; i < actions.size(); ++i)
    key.emplace_back(false, depth[i]);
  for (std::size_t i = 0; i < orphans.actions.size(); ++i)
    key.emplace_back(true, reverseDepth[i]);
  actions.reserve(actions.size() + orphans.actions.size());
  for (auto& o : orphans.actions)
    actions.push_back(std::move(o));
  orphans.actions.clear();
  std::vector<std::size_t> idx(actions.size());
  for (std::size_t i = 0; i < idx.size(); ++i)
    idx[i] = i;
  std::sort(idx.begin(), idx.end(),
            [&](std::size_t a, std::size_t b) { return actions[a].id < actions[b].id; });
  permuteInPlace(actions, key, std::move(idx));
  out.actions = std::move(actions);
  std::map<std::pair<bool, int>, std::vector<std::size_t>> byWave;
  for (std::size_t i = 0; i < out.actions.size(); ++i)
    if (out.refusal.empty() && out.actions[i].executes()) byWave[key[i]].push_back(i);
  for (auto& [k, members] : byWave) {
    int wave = static_cast<int>(out.waves.size());
    for (std::size_t i : members)
      out.actions[i].wave = wave;
    out.waves.push_back(std::move(members));
  }
}

PlanSummary summarise(const std::vector<Action>& actions) {
  PlanSummary s;
  for (const auto& a : actions) {
    bool counted = a.executes();
    switch (a.kind) {
      case ActionKind::Create:
        s.create += counted;
        break;
      case ActionKind::Update:
        s.update += counted;
        break;
      case ActionKind::Replace:
        s.replace += counted;
        break;
      case ActionKind::Delete:
        s.remove += counted;
        break;
      case ActionKind::Release:
        s.release += counted;
        break;
      case ActionKind::Conflict:
        ++s.conflict;
        break;
      case ActionKind::Noop:
        ++s.noop;
        break;
      case ActionKind::Transitional:
        ++s.transitional;
        break;
      case ActionKind::Unobserved:
        ++s.unobserved;
        break;
    }
    if (a.drifted()) ++s.drifted;
    if (!a.blockedReason.empty() && a.kind != ActionKind::Conflict &&
        a.kind != ActionKind::Transitional && a.kind != ActionKind::Unobserved)
      ++s.blocked;
  }
  return s;
}

// classify desired → classify orphans → block behind unobserved → guard prune
// → assign waves → summarise.
Plan planWith(const DesiredState& desired, const LiveState& live,
              const state::EnvironmentState& lastApplied, const PlanOptions& options,
              const Take& take) {
  Plan out;
  out.commit = desired.commit;
  out.environment = desired.environment.empty() ? options.environment : desired.environment;
  std::vector<int> depth = dependencyDepths(desired);
  std::vector<std::size_t> order(desired.resources.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });

  std::vector<Action> actions =
      classifyAllDesired(desired, live, lastApplied, options, order, take);
  Orphans orphans = classifyOrphans(desired, live, lastApplied, options, take);
  blockBehindUnobserved(actions, order, orphans.actions);
  out.refusal = guardPrune(orphans.prunes, lastApplied.resourceCount(), options);
  assignWaves(out, std::move(actions), depth, std::move(orphans));
  out.summary = summarise(out.actions);
  return out;
}

}  // namespace

Plan plan(const DesiredState& desired, const LiveState& live,
          const state::EnvironmentState& lastApplied, const PlanOptions& options) {
  return planWith(desired, live, lastApplied, options, Take{false});
}

Plan planTakingOver(DesiredState& desired, LiveState& live,
                    const state::EnvironmentState& lastApplied, const PlanOptions& options) {
  return planWith(desired, live, lastApplied, options, Take{true});
}

}  // namespace driftless::reconcile
