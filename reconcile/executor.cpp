#include "reconcile/executor.h"

#include <map>
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

struct Known {
  const TypeInfo* info = nullptr;
  Observed observed;
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
    if (a.kind == ActionKind::Noop) {
      Desired desired = a.desired;
      if (hasUnresolved(desired.properties)) {
        auto resolved = resolveAll(desired.properties, lookupFor(a.id));
        if (resolved) desired.properties = std::move(*resolved);
      }
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

}  // namespace

Awaitable<ExecutionResult> execute(const Plan& plan, const state::EnvironmentState& lastApplied,
                                   ProviderSet& providers, const ExecuteOptions& options) {
  ExecutionResult result;
  result.state = lastApplied;
  result.state.environment = plan.environment.empty() ? lastApplied.environment : plan.environment;
  if (!options.timestamp.empty()) result.state.timestamp = options.timestamp;
  if (!plan.refusal.empty()) {
    result.refusal = plan.refusal;
    co_return result;
  }
  result.state.commit = plan.commit;
  Differ differ = providers.differ();

  // Values for "known after apply" come from live resources that stay, then
  // from the results of this run.
  std::unordered_map<ResourceId, Known> known;
  std::unordered_map<ResourceId, Outcome> outcomes;
  for (const auto& a : plan.actions) {
    if (a.live.exists && a.kind != ActionKind::Replace && a.kind != ActionKind::Delete)
      known[a.id] = Known{a.info, a.live};
  }

  auto lookupFor = [&](const ResourceId& self) {
    return [&known, stack = self.stack](const std::string& logical,
                                        const std::string& attr) -> std::optional<Value> {
      auto it = known.find(referencedId(stack, logical));
      if (it == known.end()) return std::nullopt;
      return attributeOf(it->second.info, it->second.observed, attr);
    };
  };

  bool cancelled = false;
  for (const auto& wave : plan.waves) {
    std::vector<ResourceResult> waveResults(wave.size());
    co_await forEachBounded(
        wave.size(), options.concurrency, [&](std::size_t k) -> Awaitable<void> {
          const std::size_t index = wave[k];
          const Action& a = plan.actions[index];
          ResourceResult& rr = waveResults[k];
          rr.action = index;
          rr.id = a.id;
          rr.type = a.type;
          rr.kind = a.kind;
          rr.physicalId = a.physicalId;
          for (const auto& dep : a.dependencies) {
            auto it = outcomes.find(dep);
            if (it != outcomes.end() && it->second != Outcome::Succeeded) {
              rr.outcome = Outcome::Skipped;
              rr.error = Error::make(ErrorKind::Waiting, "skipped: dependency " + dep.str() + " " +
                                                             std::string(toString(it->second)));
              break;
            }
          }
          if (rr.outcome == Outcome::Succeeded &&
              (cancelled || (options.cancel && options.cancel->load()))) {
            cancelled = true;
            rr.outcome = Outcome::Cancelled;
            rr.error = Error::make(ErrorKind::Waiting, "not started: the cycle was cancelled");
          }
          if (rr.outcome != Outcome::Succeeded) {
            outcomes[a.id] = rr.outcome;
            if (options.onEvent) options.onEvent({ExecutionEvent::Phase::Finished, &a, &rr});
            co_return;
          }
          if (options.onEvent) options.onEvent({ExecutionEvent::Phase::Started, &a, nullptr});
          auto started = std::chrono::steady_clock::now();
          auto failWith = [&](Error e) {
            rr.outcome = Outcome::Failed;
            rr.error = std::move(e);
          };
          Provider* provider = providers.get(a.type);
          Desired desired = a.desired;
          if (!provider && a.kind != ActionKind::Release) {
            failWith(Error::make(ErrorKind::Invalid, "no provider for type " + a.type));
          } else if (a.kind == ActionKind::Create || a.kind == ActionKind::Update ||
                     a.kind == ActionKind::Replace) {
            auto resolved = resolveAll(a.desired.properties, lookupFor(a.id));
            if (!resolved) {
              failWith(resolved.error());
            } else {
              desired.properties = std::move(*resolved);
              if (desired.physicalId.empty() && a.info && !a.info->physicalNameProperty.empty()) {
                const Value* name = desired.properties.find(a.info->physicalNameProperty);
                if (name && name->isString()) desired.physicalId = name->asString();
              }
              try {
                if (a.kind == ActionKind::Update) {
                  Delta delta = a.info ? differ(*a.info, desired, a.live) : Delta{};
                  bool adopting = !a.differences.empty() && a.differences[0].path == "(ownership)";
                  if (delta.empty() && !adopting) {
                    rr.observed = a.live;
                  } else {
                    auto r = co_await provider->update(desired, a.live, delta);
                    if (r)
                      rr.observed = std::move(*r);
                    else
                      failWith(std::move(r.error()));
                  }
                } else {
                  if (a.kind == ActionKind::Replace) {
                    auto removed = co_await provider->remove(a.desired, a.live);
                    if (!removed) failWith(std::move(removed.error()));
                  }
                  if (rr.outcome == Outcome::Succeeded) {
                    auto r = co_await provider->create(desired);
                    if (r)
                      rr.observed = std::move(*r);
                    else
                      failWith(std::move(r.error()));
                  }
                }
              } catch (const std::exception& e) {
                failWith(
                    Error::make(ErrorKind::Fatal, std::string("provider failed: ") + e.what()));
              }
            }
          } else if (a.kind == ActionKind::Delete) {
            try {
              auto removed = co_await provider->remove(a.desired, a.live);
              if (!removed) failWith(std::move(removed.error()));
            } catch (const std::exception& e) {
              failWith(Error::make(ErrorKind::Fatal, std::string("provider failed: ") + e.what()));
            }
          }
          rr.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::steady_clock::now() - started);
          outcomes[a.id] = rr.outcome;
          if (rr.outcome == Outcome::Succeeded) {
            switch (a.kind) {
              case ActionKind::Create:
              case ActionKind::Update:
              case ActionKind::Replace:
                if (rr.observed) {
                  if (!rr.observed->physicalId.empty()) rr.physicalId = rr.observed->physicalId;
                  known[a.id] = Known{a.info, *rr.observed};
                  writeState(result.state, a, desired, *rr.observed, plan.commit, options);
                }
                break;
              case ActionKind::Delete:
              case ActionKind::Release:
                eraseState(result.state, a.id);
                break;
              default:
                break;
            }
          }
          if (options.onEvent) options.onEvent({ExecutionEvent::Phase::Finished, &a, &rr});
        });
    for (auto& rr : waveResults) {
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
    }
  }
  result.cancelled = cancelled;

  recordUnexecuted(result.state, plan, lookupFor, options);
  co_return result;
}

}  // namespace driftless::reconcile
