#include "reconcile/observe.h"

#include <algorithm>
#include <map>
#include <memory>

#include "reconcile/graph.h"
#include "reconcile/intrinsics.h"
#include "reconcile/work_pool.h"
#include "state/secrets.h"

namespace driftless::reconcile {

std::optional<Value> attributeOf(const TypeInfo* info, const Observed& observed,
                                 const std::string& attribute) {
  if (!observed.exists) return std::nullopt;
  if (attribute.empty()) {
    if (info && !info->refAttribute.empty()) {
      if (const Value* v = observed.attributes.find(info->refAttribute)) return *v;
      return std::nullopt;
    }
    if (observed.physicalId.empty()) return std::nullopt;
    return Value(observed.physicalId);
  }
  if (const Value* v = observed.attributes.find(attribute)) return *v;
  return std::nullopt;
}

namespace {

// When git renamed `lr` (state knows it under another name), the old name is
// observed too (LiveState::renamedFrom), with the properties last applied.
LiveResource* addRenamed(LiveState& live, const LiveResource& lr,
                         const state::AppliedResource* applied) {
  if (!applied || !lr.info || lr.info->physicalNameProperty.empty() || applied->type != lr.type ||
      applied->physicalId.empty() || lr.desired.physicalId.empty() ||
      applied->physicalId == lr.desired.physicalId)
    return nullptr;
  LiveResource old;
  old.id = lr.id;
  old.type = lr.type;
  old.info = lr.info;
  old.desired.id = lr.id;
  old.desired.type = lr.type;
  old.desired.properties = applied->properties;
  old.desired.physicalId = applied->physicalId;
  auto [it, fresh] = live.renamedFrom.insert_or_assign(lr.id, std::move(old));
  return &it->second;
}

// Takes the observation made ahead of `lr` (ObserveOptions::prior) when it was
// made with exactly lr's input: its type, physical id and adopt flag, and the
// properties `lastApplied` records (observeApplied lent them to the read and
// gave them back); true when taken (nothing to read). `properties`: lr's, or
// the desired resource's it will borrow (observeAll).
bool takePrior(LiveState* prior, const state::EnvironmentState& lastApplied, LiveResource& lr,
               const Value& properties) {
  if (!prior || lr.observed) return false;
  auto it = prior->resources.find(lr.id);
  if (it == prior->resources.end()) return false;
  const Desired& read = it->second.desired;
  const state::AppliedResource* applied = lastApplied.find(lr.id);
  if (!applied || read.type != lr.desired.type || read.physicalId != lr.desired.physicalId ||
      read.adopt != lr.desired.adopt || !(applied->properties == properties))
    return false;
  lr.observed = std::move(it->second.observed);
  lr.error = std::move(it->second.error);
  prior->resources.erase(it);
  return true;
}

bool holdsSecretHash(const Value& v) {
  if (v.isString()) return v.asString().starts_with(state::kSecretHashPrefix);
  if (v.isArray()) return std::any_of(v.asArray().begin(), v.asArray().end(), holdsSecretHash);
  if (v.isObject())
    for (const auto& [key, child] : v.asObject())
      if (holdsSecretHash(child)) return true;
  return false;
}

// A resource as state records it, observed with its last applied properties
// (an orphan's input; `adopt` as recorded for a read ahead, false for an orphan,
// and no properties when they are lent to the read: observeLent).
LiveResource appliedResource(const ResourceId& id, const state::AppliedResource& applied,
                             const Registry& registry, bool adopt, bool copyProperties = true) {
  LiveResource lr;
  lr.id = id;
  lr.type = applied.type;
  lr.info = registry.info(applied.type);
  lr.desired.id = id;
  lr.desired.type = applied.type;
  if (copyProperties) lr.desired.properties = applied.properties;
  lr.desired.physicalId = applied.physicalId;
  lr.desired.adopt = adopt;
  return lr;
}

Awaitable<void> observeOne(ProviderSet& providers, LiveResource& lr) {
  Provider* provider = providers.get(lr.type);
  if (!provider) {
    lr.error = Error::make(ErrorKind::Invalid, "no provider for type " + lr.type);
    co_return;
  }
  try {
    auto result = co_await provider->observe(lr.desired);
    if (result) {
      lr.observed = std::move(*result);
    } else {
      lr.error = std::move(result.error());
    }
  } catch (const std::exception& e) {
    lr.error = Error::make(ErrorKind::Fatal, std::string("observe failed: ") + e.what());
  }
}

// Observes `lr` with `properties` lent to it for the call, and given back: a
// read ahead keeps no copy of what state records (at 10,000 resources one more
// copy of every resource's properties raised the one-shot plan's peak RSS).
Awaitable<void> observeLent(ProviderSet& providers, LiveResource& lr, Value& properties) {
  lr.desired.properties = std::move(properties);
  co_await observeOne(providers, lr);
  properties = std::move(lr.desired.properties);
  lr.desired.properties = Value::object();
}

// Observes `batch`, options.concurrency at a time (the wait hook lent to the
// bulk tag listing's waiters meanwhile); with `lent`, batch[i] reads with the
// properties lent[i] points to (observeLent), or with its own when that is null.
Awaitable<void> observeBatch(std::vector<LiveResource*>& batch, ProviderSet& providers,
                             const ObserveOptions& options,
                             const std::vector<Value*>* lent = nullptr) {
  std::function<void(bool)> waiting;
  if (options.setWaitHook)
    options.setWaitHook([&waiting](bool w) {
      if (waiting) waiting(w);
    });
  std::function<Awaitable<void>(std::size_t)> one = [&](std::size_t i) {
    if (lent && (*lent)[i]) return observeLent(providers, *batch[i], *(*lent)[i]);
    return observeOne(providers, *batch[i]);
  };
  co_await forEachBounded(batch.size(), options.concurrency, std::move(one), &waiting);
  if (options.setWaitHook) options.setWaitHook(nullptr);
}

}  // namespace

Awaitable<LiveState> observeApplied(state::EnvironmentState& lastApplied, ProviderSet& providers,
                                    const ObserveOptions& options) {
  LiveState live;
  std::vector<LiveResource*> batch;
  std::vector<Value*> lent;
  for (auto& [sname, stack] : lastApplied.stacks)
    for (auto& [lid, applied] : stack.resources) {
      if (applied.physicalId.empty() || holdsSecretHash(applied.properties)) continue;
      ResourceId id{sname, lid};
      auto [it, fresh] = live.resources.emplace(
          id, appliedResource(id, applied, providers.registry(), applied.adopt, false));
      batch.push_back(&it->second);
      lent.push_back(&applied.properties);
    }
  co_await observeBatch(batch, providers, options, &lent);
  co_return live;
}

namespace {

// The LiveResource `r` is observed as: its properties resolved against the
// observations of its dependencies, or none when `lend` (there is nothing in
// them to resolve: the read borrows the manifest's own, observeLent), and its
// physical id (from the manifest, else from state).
LiveResource desiredResource(const DesiredResource& r, const LiveState& live,
                             const state::EnvironmentState& lastApplied, const Registry& registry,
                             bool lend) {
  LiveResource lr;
  lr.id = r.id;
  lr.type = r.type;
  lr.info = r.info ? r.info : registry.info(r.type);
  lr.desired.id = r.id;
  lr.desired.type = r.type;
  lr.desired.adopt = r.adopt;
  const std::string& stack = r.id.stack;
  if (!lend)
    lr.desired.properties = resolvePartial(
        r.properties,
        [&](const std::string& logical, const std::string& attr) -> std::optional<Value> {
          const LiveResource* dep = live.find(referencedId(stack, logical));
          if (!dep || !dep->observed) return std::nullopt;
          return attributeOf(dep->info, *dep->observed, attr);
        });
  const Value& properties = lend ? r.properties : lr.desired.properties;
  lr.desired.physicalId = r.physicalId;
  if (lr.desired.physicalId.empty() && lr.info && !lr.info->physicalNameProperty.empty()) {
    const Value* name = properties.find(lr.info->physicalNameProperty);
    if (name && name->isString()) lr.desired.physicalId = name->asString();
  }
  if (lr.desired.physicalId.empty()) {
    if (const auto* applied = lastApplied.find(r.id)) lr.desired.physicalId = applied->physicalId;
  }
  // A name, or an identity made of properties (a subscription's topic and
  // endpoint), that still waits for a resource that does not exist yet: this
  // resource cannot exist either, and observe never sends an unresolved value.
  if (lr.desired.physicalId.empty() && lr.info &&
      (!lr.info->physicalNameProperty.empty() || hasUnresolved(properties)))
    lr.observed = Observed{};
  return lr;
}

// observeAll; with `lender` (the same state as `desired`, mutable), a resource
// with nothing to resolve reads with the manifest's properties lent to it.
Awaitable<LiveState> observeDesired(const DesiredState& desired, DesiredState* lender,
                                    const state::EnvironmentState& lastApplied,
                                    ProviderSet& providers, const ObserveOptions& options) {
  LiveState live;
  const Registry& registry = providers.registry();
  std::vector<int> depth = dependencyDepths(desired);
  int maxDepth = 0;
  for (int d : depth)
    maxDepth = std::max(maxDepth, d);

  // Level 0: every root of the desired graph, and every orphan.
  for (int level = 0; level <= maxDepth; ++level) {
    std::vector<LiveResource*> batch;
    std::vector<Value*> lent;  // parallel to batch: what each read borrows, or null
    auto add = [&](LiveResource* lr, Value* properties) {
      batch.push_back(lr);
      lent.push_back(properties);
    };
    for (std::size_t i = 0; i < desired.resources.size(); ++i) {
      if (depth[i] != level) continue;
      const DesiredResource& r = desired.resources[i];
      Value* borrowed =
          lender && !hasUnresolved(r.properties) ? &lender->resources[i].properties : nullptr;
      LiveResource lr = desiredResource(r, live, lastApplied, registry, borrowed != nullptr);
      if (LiveResource* old = addRenamed(live, lr, lastApplied.find(r.id));
          old && !takePrior(options.prior, lastApplied, *old, old->desired.properties))
        add(old, nullptr);
      bool taken = takePrior(options.prior, lastApplied, lr,
                             borrowed ? r.properties : lr.desired.properties);
      auto [it, fresh] = live.resources.emplace(r.id, std::move(lr));
      if (!it->second.observed && !taken) add(&it->second, borrowed);
    }
    if (level == 0) {
      for (const auto& [sname, stack] : lastApplied.stacks) {
        for (const auto& [lid, applied] : stack.resources) {
          ResourceId id{sname, lid};
          if (desired.find(id)) continue;
          LiveResource lr = appliedResource(id, applied, registry, /*adopt=*/false);
          if (takePrior(options.prior, lastApplied, lr, lr.desired.properties)) {
            live.resources.emplace(id, std::move(lr));
            continue;
          }
          auto [it, fresh] = live.resources.emplace(id, std::move(lr));
          add(&it->second, nullptr);
        }
      }
    }
    co_await observeBatch(batch, providers, options, &lent);
  }
  co_return live;
}

}  // namespace

Awaitable<LiveState> observeAll(const DesiredState& desired,
                                const state::EnvironmentState& lastApplied, ProviderSet& providers,
                                const ObserveOptions& options) {
  co_return co_await observeDesired(desired, nullptr, lastApplied, providers, options);
}

Awaitable<LiveState> observeAll(DesiredState& desired, const state::EnvironmentState& lastApplied,
                                ProviderSet& providers, const ObserveOptions& options) {
  co_return co_await observeDesired(desired, &desired, lastApplied, providers, options);
}

}  // namespace driftless::reconcile
