#include "reconcile/observe.h"

#include <algorithm>
#include <map>
#include <memory>

#include "reconcile/graph.h"
#include "reconcile/intrinsics.h"
#include "reconcile/work_pool.h"

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

Awaitable<LiveState> observeAll(const DesiredState& desired,
                                const state::EnvironmentState& lastApplied, ProviderSet& providers,
                                const ObserveOptions& options) {
  LiveState live;
  const Registry& registry = providers.registry();
  std::vector<int> depth = dependencyDepths(desired);
  int maxDepth = 0;
  for (int d : depth)
    maxDepth = std::max(maxDepth, d);

  auto observeOne = [&](LiveResource& lr) -> Awaitable<void> {
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
  };

  // Level 0: every root of the desired graph, and every orphan.
  for (int level = 0; level <= maxDepth; ++level) {
    std::vector<LiveResource*> batch;
    for (std::size_t i = 0; i < desired.resources.size(); ++i) {
      if (depth[i] != level) continue;
      const DesiredResource& r = desired.resources[i];
      LiveResource lr;
      lr.id = r.id;
      lr.type = r.type;
      lr.info = r.info ? r.info : registry.info(r.type);
      lr.desired.id = r.id;
      lr.desired.type = r.type;
      lr.desired.adopt = r.adopt;
      const std::string& stack = r.id.stack;
      lr.desired.properties = resolvePartial(
          r.properties,
          [&](const std::string& logical, const std::string& attr) -> std::optional<Value> {
            const LiveResource* dep = live.find(referencedId(stack, logical));
            if (!dep || !dep->observed) return std::nullopt;
            return attributeOf(dep->info, *dep->observed, attr);
          });
      lr.desired.physicalId = r.physicalId;
      if (lr.desired.physicalId.empty() && lr.info && !lr.info->physicalNameProperty.empty()) {
        const Value* name = lr.desired.properties.find(lr.info->physicalNameProperty);
        if (name && name->isString()) lr.desired.physicalId = name->asString();
      }
      if (lr.desired.physicalId.empty()) {
        if (const auto* applied = lastApplied.find(r.id))
          lr.desired.physicalId = applied->physicalId;
      }
      // A name, or an identity made of properties (a subscription's topic and
      // endpoint), that still waits for a resource that does not exist yet: this
      // resource cannot exist either, and observe never sends an unresolved value.
      if (lr.desired.physicalId.empty() && lr.info &&
          (!lr.info->physicalNameProperty.empty() || hasUnresolved(lr.desired.properties)))
        lr.observed = Observed{};
      auto [it, fresh] = live.resources.emplace(r.id, std::move(lr));
      if (!it->second.observed) batch.push_back(&it->second);
    }
    if (level == 0) {
      for (const auto& [sname, stack] : lastApplied.stacks) {
        for (const auto& [lid, applied] : stack.resources) {
          ResourceId id{sname, lid};
          if (desired.find(id)) continue;
          LiveResource lr;
          lr.id = id;
          lr.type = applied.type;
          lr.info = registry.info(applied.type);
          lr.desired.id = id;
          lr.desired.type = applied.type;
          lr.desired.properties = applied.properties;
          lr.desired.physicalId = applied.physicalId;
          auto [it, fresh] = live.resources.emplace(id, std::move(lr));
          batch.push_back(&it->second);
        }
      }
    }
    co_await forEachBounded(batch.size(), options.concurrency,
                            [&](std::size_t i) { return observeOne(*batch[i]); });
  }
  co_return live;
}

}  // namespace driftless::reconcile
