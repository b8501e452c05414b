#include "controller/rebuild.h"

#include <algorithm>

#include "controller/cycle.h"
#include "controller/load_commit.h"
#include "reconcile/executor.h"
#include "reconcile/observe.h"

namespace driftless::controller {

Awaitable<Result<RebuildReport>> rebuildState(Runtime& runtime, EnvironmentRuntime& env) {
  if (auto leased = co_await ensureLease(runtime, env); !leased) co_return fail(leased.error());
  if (auto ready = co_await prepareProviders(runtime, env); !ready) co_return fail(ready.error());
  auto repo = env.repository;
  const auto& cfg = env.config;
  std::string branch = cfg.branch;
  reconcile::LoadContext lc = loadContextFor(cfg, env.context);
  const Registry* registry = &runtime.registry();
  using Loaded = Result<reconcile::DesiredState>;
  auto loadHead = [=, &cfg]() -> Loaded {
    auto head = fetchHead(*repo, branch);
    if (!head) return fail(head.error());
    auto loaded = loadCommit(*repo, head->commit, cfg, lc, *registry);
    if (!loaded) return fail(loaded.error().kind, loaded.error().summary(head->commit));
    return std::move(*loaded);
  };
  Loaded desired = co_await offload(runtime.blocking(), loadHead);
  if (!desired) co_return fail(desired.error());
  std::string commit = desired->commit;

  reconcile::SecretHash hashSecret;  // the executor's masker: state stores secrets alike
  if (const auto* h = runtime.hasher()) hashSecret = [h](const Value& v) { return h->hash(v); };
  state::EnvironmentState empty;
  reconcile::ObserveOptions observeOptions;
  observeOptions.concurrency =
      static_cast<std::size_t>(std::max(1, runtime.config().controller.maxInFlightRequests));
  auto live = co_await reconcile::observeAll(*desired, empty, *env.providers, observeOptions);
  RebuildReport report;
  report.commit = commit;
  state::EnvironmentState rebuilt;
  rebuilt.environment = cfg.name;
  rebuilt.region = cfg.region;
  rebuilt.account = env.context.accountId;
  rebuilt.commit = commit;
  rebuilt.timestamp = state::formatTimestamp(state::Clock::now());
  for (const auto& r : desired->resources) {
    const auto* l = live.find(r.id);
    if (!l || !l->observed) {
      ++report.unobserved;
      continue;
    }
    const Observed& o = *l->observed;
    if (!o.exists) {
      ++report.absent;
      continue;
    }
    Ownership mine = env.context.ownership(r.id);
    if (!o.owner || !(*o.owner == mine)) {
      ++report.foreign;
      continue;
    }
    state::AppliedResource applied;
    applied.type = r.type;
    applied.physicalId = o.physicalId;
    Value props = Value::object();
    for (const auto& [key, v] : r.properties.asObject())
      if (const Value* lv = o.properties.find(key)) props[key] = *lv;
    applied.properties = reconcile::storedProperties(props, r.secretPaths, hashSecret);
    applied.attributes = o.attributes;
    for (const auto& d : r.dependencies)
      applied.dependencies.push_back(d.str());
    applied.commit = commit;
    applied.deletionPolicy = r.deletionPolicy;
    rebuilt.stacks[r.id.stack].resources[r.id.logicalId] = std::move(applied);
    ++report.adopted;
  }
  auto wrote = co_await runtime.store().writeState(cfg.name, rebuilt);
  co_await releaseLease(runtime, env);
  if (!wrote) co_return fail(wrote.error());
  co_return report;
}

}  // namespace driftless::controller
