#include "reconcile/executor.h"

#include <map>
#include <set>
#include <unordered_map>

#include "reconcile/intrinsics.h"
#include "reconcile/observe.h"
#include "reconcile/property_paths.h"
#include "reconcile/work_pool.h"
#include "state/secrets.h"

namespace driftless::reconcile {

std::string_view toString(Outcome outcome) {
  switch (outcome) {
    case Outcome::Succeeded:
      return "succeeded";
    case Outcome::Failed:
      return "failed";
    case Outcome::Skipped:
      return "skipped";
    case Outcome::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

Value storedProperties(Value properties, const std::vector<std::string>& secretPaths,
                       const SecretHash& hash) {
  for (const auto& path : secretPaths) {
    Value* v = findPathMutable(properties, path);
    if (!v) continue;
    *v = hash ? Value(hash(*v)) : Value(std::string(state::kSecretMask));
  }
  return properties;
}

namespace {

// Points into the plan (a live resource that stays) or into the execution's
// results (what an action wrote): both outlive the run, and a copy of every
// live resource cost tens of MiB at 10,000 resources.
struct Known {
  const TypeInfo* info = nullptr;
  const Observed* observed = nullptr;
};

// The manifest's word on a resource beyond its AWS properties.
void applyPolicies(state::AppliedResource& r, const Action& a) {
  r.deletionPolicy = a.deletionPolicy;
  r.updateReplacePolicy = a.updateReplacePolicy;
  r.adopt = a.desired.adopt;
  r.allowReplace = a.allowReplace;
}

void writeState(state::EnvironmentState& st, const Action& a, const Desired& desired,
                const Observed& observed, const std::string& commit,
                const ExecuteOptions& options) {
  state::AppliedResource r;
  r.type = a.type;
  r.physicalId = !observed.physicalId.empty() ? observed.physicalId : desired.physicalId;
  r.properties = storedProperties(desired.properties, a.secretPaths, options.hashSecret);
  r.attributes = observed.attributes;
  for (const auto& d : a.dependencies)
    r.dependencies.push_back(d.str());
  r.commit = commit;
  applyPolicies(r, a);
  st.stacks[a.id.stack].resources[a.id.logicalId] = std::move(r);
}

void eraseState(state::EnvironmentState& st, const ResourceId& id) {
  auto s = st.stacks.find(id.stack);
  if (s == st.stacks.end()) return;
  s->second.resources.erase(id.logicalId);
  if (s->second.resources.empty()) st.stacks.erase(s);
}

// A Noop with nothing left to resolve: recordUnexecuted rewrites its entry
// whatever the executor did, so the run's state starts without it.
bool rewritten(const Action& a) {
  return !a.orphan && a.kind == ActionKind::Noop && !hasUnresolved(a.desired.properties);
}

// lastApplied without the entries recordUnexecuted rewrites: in a no-op cycle
// that is every entry, and copying them first doubled the state in memory.
// Every field of EnvironmentState but its stacks is copied as it is.
state::EnvironmentState startingState(const state::EnvironmentState& lastApplied,
                                      const Plan& plan) {
  std::set<ResourceId> skip;
  for (const auto& a : plan.actions)
    if (rewritten(a)) skip.insert(a.id);
  state::EnvironmentState st;
  st.version = lastApplied.version;
  st.environment = lastApplied.environment;
  st.region = lastApplied.region;
  st.account = lastApplied.account;
  st.timestamp = lastApplied.timestamp;
  st.commit = lastApplied.commit;
  st.intents = lastApplied.intents;
  st.lease = lastApplied.lease;
  st.localCopy = lastApplied.localCopy;
  for (const auto& [name, stack] : lastApplied.stacks) {
    state::StackState& copy = st.stacks[name];
    copy.outputs = stack.outputs;
    for (const auto& [logicalId, r] : stack.resources)
      if (!skip.count(ResourceId{name, logicalId})) copy.resources.emplace(logicalId, r);
  }
  return st;
}

// What a cycle saw of the resources it did not change reaches state whatever
// the executor did (SPEC §4, crash safety): a Noop is what git wants and is
// live, so it is recorded as applied (a resource created by a killed cycle,
// a commit that caught up with an out-of-band change, new attributes); and
// every desired resource already in state takes the commit's policies, even
// when its AWS properties could not be converged this cycle.
template <typename Lookup>
void recordUnexecuted(state::EnvironmentState& st, const Plan& plan, Lookup&& lookupFor,
                      const ExecuteOptions& options) {
  for (const auto& a : plan.actions) {
    if (a.orphan) continue;
    if (rewritten(a)) {
      writeState(st, a, a.desired, a.live, plan.commit, options);
      continue;
    }
    if (a.kind == ActionKind::Noop) {
      Desired desired = a.desired;
      auto resolved = resolveAll(desired.properties, lookupFor(a.id));
      if (resolved) desired.properties = std::move(*resolved);
      if (!hasUnresolved(desired.properties)) {
        writeState(st, a, desired, a.live, plan.commit, options);
        continue;
      }
    }
    auto s = st.stacks.find(a.id.stack);
    if (s == st.stacks.end()) continue;
    auto r = s->second.resources.find(a.id.logicalId);
    if (r != s->second.resources.end() && r->second.type == a.type) applyPolicies(r->second, a);
  }
}

// One execution of a plan: what earlier actions found, shared by the actions
// that run after them.
class Run {
 public:
  Run(const Plan& plan, ProviderSet& providers, const ExecuteOptions& options)
      : plan_(plan), providers_(providers), options_(options), differ_(providers.differ()) {
    // Values for "known after apply" come from live resources that stay, then
    // from the results of this run.
    for (const auto& a : plan.actions)
      if (a.live.exists && a.kind != ActionKind::Replace && a.kind != ActionKind::Delete)
        known_[a.id] = Known{a.info, &a.live};
  }

  // Ref/GetAtt of the resources `self` refers to (in its stack).
  auto lookupFor(const ResourceId& self) const {
    return [this, stack = self.stack](const std::string& logical,
                                      const std::string& attr) -> std::optional<Value> {
      auto it = known_.find(referencedId(stack, logical));
      if (it == known_.end()) return std::nullopt;
      return attributeOf(it->second.info, *it->second.observed, attr);
    };
  }

  Awaitable<void> wave(const std::vector<std::size_t>& wave, ExecutionResult& result) {
    std::vector<ResourceResult> results(wave.size());
    // A named local: no lambda temporary inside a co_await operand (GCC 12).
    std::function<Awaitable<void>(std::size_t)> one = [&](std::size_t k) -> Awaitable<void> {
      co_await action(wave[k], results[k], result.state);
    };
    co_await forEachBounded(wave.size(), options_.concurrency, one);
    for (auto& rr : results) {
      // result.results never reallocates (execute reserves it), so later waves
      // refer to what this one wrote where it is kept.
      const ResourceResult& kept = tally(std::move(rr), result);
      if (kept.outcome == Outcome::Succeeded && kept.observed && wrote(kept.kind))
        known_[kept.id] = Known{plan_.actions[kept.action].info, &*kept.observed};
    }
  }

  bool cancelled() const { return cancelled_; }

 private:
  Awaitable<void> action(std::size_t index, ResourceResult& rr, state::EnvironmentState& st) {
    const Action& a = plan_.actions[index];
    rr.action = index;
    rr.id = a.id;
    rr.type = a.type;
    rr.kind = a.kind;
    rr.physicalId = a.physicalId;
    if (!mayStart(a, rr)) {
      outcomes_[a.id] = rr.outcome;
      if (options_.onEvent) options_.onEvent({ExecutionEvent::Phase::Finished, &a, &rr});
      co_return;
    }
    if (options_.onEvent) options_.onEvent({ExecutionEvent::Phase::Started, &a, nullptr});
    auto started = std::chrono::steady_clock::now();
    Desired desired = a.desired;
    try {
      co_await converge(a, desired, rr);
    } catch (const std::exception& e) {
      fail(rr, Error::make(ErrorKind::Fatal, std::string("provider failed: ") + e.what()));
    }
    rr.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    outcomes_[a.id] = rr.outcome;
    if (rr.outcome == Outcome::Succeeded) settle(a, desired, rr, st);
    if (options_.onEvent) options_.onEvent({ExecutionEvent::Phase::Finished, &a, &rr});
  }

  // A dependency that failed or was skipped skips the action; cancellation
  // starts nothing new.
  bool mayStart(const Action& a, ResourceResult& rr) {
    for (const auto& dep : a.dependencies) {
      auto it = outcomes_.find(dep);
      if (it != outcomes_.end() && it->second != Outcome::Succeeded) {
        rr.outcome = Outcome::Skipped;
        rr.error = Error::make(ErrorKind::Waiting, "skipped: dependency " + dep.str() + " " +
                                                       std::string(toString(it->second)));
        return false;
      }
    }
    if (cancelled_ || (options_.cancel && options_.cancel->load())) {
      cancelled_ = true;
      rr.outcome = Outcome::Cancelled;
      rr.error = Error::make(ErrorKind::Waiting, "not started: the cycle was cancelled");
      return false;
    }
    return true;
  }

  static void fail(ResourceResult& rr, Error e) {
    rr.outcome = Outcome::Failed;
    rr.error = std::move(e);
  }

  // The provider calls of one action; `desired` ends resolved (for state).
  Awaitable<void> converge(const Action& a, Desired& desired, ResourceResult& rr) {
    Provider* provider = providers_.get(a.type);
    if (!provider && a.kind != ActionKind::Release) {
      fail(rr, Error::make(ErrorKind::Invalid, "no provider for type " + a.type));
      co_return;
    }
    if (a.kind == ActionKind::Delete) {
      auto removed = co_await provider->remove(a.desired, a.live);
      if (!removed) fail(rr, std::move(removed.error()));
      co_return;
    }
    if (a.kind != ActionKind::Create && a.kind != ActionKind::Update &&
        a.kind != ActionKind::Replace)
      co_return;  // Release: forgotten from state, nothing to call
    auto resolved = resolveAll(a.desired.properties, lookupFor(a.id));
    if (!resolved) {
      fail(rr, resolved.error());
      co_return;
    }
    desired.properties = std::move(*resolved);
    if (desired.physicalId.empty() && a.info && !a.info->physicalNameProperty.empty()) {
      const Value* name = desired.properties.find(a.info->physicalNameProperty);
      if (name && name->isString()) desired.physicalId = name->asString();
    }
    auto observed = co_await write(a, *provider, desired);
    if (observed)
      rr.observed = std::move(*observed);
    else
      fail(rr, std::move(observed.error()));
  }

  // Create, update (re-diffed against the resolved values) or replace.
  Awaitable<Result<Observed>> write(const Action& a, Provider& provider, const Desired& desired) {
    if (a.kind == ActionKind::Update) {
      Delta delta = a.info ? differ_(*a.info, desired, a.live) : Delta{};
      bool adopting = !a.differences.empty() && a.differences[0].path == kOwnershipPath;
      if (delta.empty() && !adopting) co_return a.live;
      auto updated = co_await provider.update(desired, a.live, delta);
      co_return updated;
    }
    if (a.kind == ActionKind::Replace) {
      Desired old = replaced(a);
      auto removed = co_await provider.remove(old, a.live);
      if (!removed) co_return std::unexpected(std::move(removed.error()));
    }
    auto created = co_await provider.create(desired);
    co_return created;
  }

  // What a replace deletes: the live resource, under its own name when git
  // renamed it (the desired name is the one about to be created).
  static Desired replaced(const Action& a) {
    Desired old = a.desired;
    if (a.live.physicalId.empty() || a.live.physicalId == old.physicalId) return old;
    old.physicalId = a.live.physicalId;
    if (a.info && !a.info->physicalNameProperty.empty() && old.properties.isObject())
      old.properties[a.info->physicalNameProperty] = Value(old.physicalId);
    return old;
  }

  // A successful action reaches the new state and what later actions may refer to.
  void settle(const Action& a, const Desired& desired, ResourceResult& rr,
              state::EnvironmentState& st) {
    switch (a.kind) {
      case ActionKind::Create:
      case ActionKind::Update:
      case ActionKind::Replace:
        if (!rr.observed) break;
        if (!rr.observed->physicalId.empty()) rr.physicalId = rr.observed->physicalId;
        writeState(st, a, desired, *rr.observed, plan_.commit, options_);
        break;
      case ActionKind::Delete:
      case ActionKind::Release:
        eraseState(st, a.id);
        break;
      default:
        break;
    }
  }

  static bool wrote(ActionKind kind) {
    return kind == ActionKind::Create || kind == ActionKind::Update || kind == ActionKind::Replace;
  }

  static const ResourceResult& tally(ResourceResult rr, ExecutionResult& result) {
    switch (rr.outcome) {
      case Outcome::Succeeded:
        ++result.succeeded;
        break;
      case Outcome::Failed:
        ++result.failed;
        break;
      case Outcome::Skipped:
        ++result.skipped;
        break;
      case Outcome::Cancelled:
        ++result.cancelledCount;
        break;
    }
    result.results.push_back(std::move(rr));
    return result.results.back();
  }

  const Plan& plan_;
  ProviderSet& providers_;
  const ExecuteOptions& options_;
  Differ differ_;
  std::unordered_map<ResourceId, Known> known_;
  std::unordered_map<ResourceId, Outcome> outcomes_;
  bool cancelled_ = false;
};

}  // namespace

Awaitable<ExecutionResult> execute(const Plan& plan, const state::EnvironmentState& lastApplied,
                                   ProviderSet& providers, const ExecuteOptions& options) {
  ExecutionResult result;
  result.state = plan.refusal.empty() ? startingState(lastApplied, plan) : lastApplied;
  result.state.environment = plan.environment.empty() ? lastApplied.environment : plan.environment;
  if (!options.timestamp.empty()) result.state.timestamp = options.timestamp;
  if (!plan.refusal.empty()) {
    result.refusal = plan.refusal;
    co_return result;
  }
  result.state.commit = plan.commit;
  Run run(plan, providers, options);
  std::size_t planned = 0;
  for (const auto& wave : plan.waves)
    planned += wave.size();
  result.results.reserve(planned);
  for (const auto& wave : plan.waves)
    co_await run.wave(wave, result);
  result.cancelled = run.cancelled();
  recordUnexecuted(
      result.state, plan, [&](const ResourceId& id) { return run.lookupFor(id); }, options);
  co_return result;
}

}  // namespace driftless::reconcile
