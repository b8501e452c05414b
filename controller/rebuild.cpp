#include "controller/rebuild.h"

#include <algorithm>

#include "controller/cycle.h"
#include "reconcile/observe.h"

namespace driftless::controller {

Awaitable<Result<RebuildReport>> rebuildState(Runtime& runtime, EnvironmentRuntime& env) {
  if (auto leased = co_await ensureLease(runtime, env); !leased) co_return fail(leased.error());
  if (auto ready = co_await prepareProviders(runtime, env); !ready) co_return fail(ready.error());
  auto repo = env.repository;
  const auto& cfg = env.config;
  std::string branch = cfg.branch;
  auto fetchHead = [repo, branch]() -> Result<std::string> {
    auto f = repo->fetch({branch});
    if (!f) return fail(f.error());
    auto it = f->heads.find(branch);
    if (it == f->heads.end()) return fail(ErrorKind::NotFound, "branch " + branch + " not found");
    return it->second;
  };
  auto head = co_await offload(runtime.blocking(), fetchHead);
  if (!head) co_return fail(head.error());
  std::string commit = *head;
  std::string path = cfg.path == "." ? "" : cfg.path;
  std::string envName = cfg.name;
  reconcile::LoadContext lc;
  lc.environment = cfg.name;
  lc.region = cfg.region;
  lc.accountId = env.context.accountId;
  lc.partition = env.context.partition;
  lc.commit = commit;
  const Registry* registry = &runtime.registry();
  using Loaded = Result<reconcile::DesiredState>;
  auto loadHead = [=]() -> Loaded {
    auto snap = repo->snapshot(commit, path, envName);
    if (!snap) return fail(snap.error());
    std::vector<reconcile::SourceFile> files;
    for (const auto& f : snap->files)
      files.push_back({f.path, f.content});
    auto d = reconcile::load(files, lc, *registry);
    if (!d)
      return fail(ErrorKind::Invalid, "commit " + commit.substr(0, 7) + " does not load: " +
                                          (d.error().empty() ? "" : d.error().front().str()));
    return std::move(*d);
  };
  Loaded desired = co_await offload(runtime.blocking(), loadHead);
  if (!desired) co_return fail(desired.error());

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
    applied.properties = runtime.hasher() ? state::hashSecrets(*r.info, props, *runtime.hasher())
                                          : state::maskSecrets(*r.info, props);
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
