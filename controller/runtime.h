#pragma once
// What one driftless process holds for the environments it reconciles: one
// HTTP transport, one git cache, one state store, and per
// environment an AWS client, its providers and its lease. The daemon and the
// one-shot commands (plan, apply, state rebuild) build the same Runtime, so they
// share exactly the same cycle code.
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "controller/aws_events.h"
#include "controller/config.h"
#include "controller/events.h"
#include "controller/metrics.h"
#include "gitsource/repository.h"
#include "providers/asio.h"
#include "providers/aws/client.h"
#include "providers/registry.h"
#include "reconcile/loader.h"
#include "reconcile/provider_set.h"
#include "state/records.h"
#include "state/secrets.h"
#include "state/store.h"

namespace driftless::aws {
class HttpTransport;
class ApiBudget;
}  // namespace driftless::aws

namespace driftless::controller {

// When the environment's history/drift retention last ran (see
// applyRetentionIfDue in cycle.h).
struct RetentionSchedule {
  std::optional<state::TimePoint> lastRun;
  bool backlog = false;  // the last run hit its batch limit: continue next cycle
};

struct EnvironmentRuntime {
  config::EnvironmentConfig config;
  std::shared_ptr<gitsource::Repository> repository;
  std::unique_ptr<aws::Client> aws;
  std::shared_ptr<aws::RequestStats> stats;
  // Created on the first cycle, once the account id is known (STS).
  std::unique_ptr<reconcile::ProviderSet> providers;
  ProviderContext context;
  std::optional<state::Lease> lease;
  // Lease fencing (operations.md, "Leases"): `stop` is the executor's cancel
  // flag, set at shutdown and when the lease is lost while a cycle runs
  // (`leaseLost` says why); `renewing` while a renewal is in flight.
  std::atomic<bool> stop{false};
  std::string leaseLost;
  bool renewing = false;
  int cycleCounter = 0;
  std::string lastCommit;    // the last commit a cycle saw (for cycle ids of failed fetches)
  std::string warnedCommit;  // the commit whose manifest warnings were logged
  // Which state the change-event index was last built from (commit, write time,
  // resource count): a cycle that leaves state as it was does not rebuild it.
  std::string indexedState;
  std::string lastSuccess;  // RFC 3339 of the last succeeded cycle
  RetentionSchedule retention;
  std::string principal;  // the caller ARN (sts:GetCallerIdentity) this environment runs as
  // When a cycle last observed every resource (fullScanInterval); unset = never.
  std::optional<std::chrono::steady_clock::time_point> lastFullScan;
  // The desired state of the commit a daemon cycle last loaded (its `commit`),
  // when it looked nothing up in AWS (SSM parameter types, Fn::GetAZs): a cycle
  // of the same commit works on a copy of it instead of loading the manifests
  // again (Runtime::keepsLoadedCommits).
  std::shared_ptr<const reconcile::DesiredState> loaded;
};

class Runtime {
 public:
  // Builds every environment of `config` (or only `only` when not empty).
  // Nothing touches the network here. Errors are one line naming what is wrong.
  static Result<std::unique_ptr<Runtime>> create(asio::io_context& io,
                                                 const config::ControllerConfig& config,
                                                 const std::vector<std::string>& only = {});
  ~Runtime();

  asio::io_context& io() { return io_; }
  asio::thread_pool& blocking() { return blocking_; }
  const config::ControllerConfig& config() const { return config_; }
  const Registry& registry() const;
  state::Store& store() { return *store_; }
  // Whether cycles keep the desired state they loaded for the next cycle of the
  // same commit (EnvironmentRuntime::loaded: the daemon's; a one-shot command runs
  // one cycle). No cycle keeps the files' parsed YAML trees: a cycle of an
  // unchanged commit then loads nothing, and the trees (about 8 times the
  // manifests' text: 29 MiB at 10,000 resources) would only be held between
  // cycles and through their peak; a new commit parses its files once.
  bool keepsLoadedCommits() const { return !endsWithProcess_; }
  // A one-shot command: the process ends after its cycle, so the cycle's trees
  // are left to the exit (keepUntilExit, controller/oneshot.h) rather than freed.
  void endWithProcess() { endsWithProcess_ = true; }
  bool endsWithProcess() const { return endsWithProcess_; }
  const state::SecretHasher* hasher() const { return hasher_ ? &*hasher_ : nullptr; }
  EventBus& events() { return events_; }
  // The managed resources by the names AWS's change events use (every environment).
  ResourceIndex& changeIndex() { return changeIndex_; }
  // The client of controller.events' queue; null without `events:`.
  aws::Client* eventsClient() { return eventsClient_.get(); }
  Metrics& metrics() { return metrics_; }
  // The lease holder id: controller id plus host and pid, so an operator can
  // tell which process holds it.
  const std::string& holderId() const { return holderId_; }

  EnvironmentRuntime* environment(const std::string& name);
  std::map<std::string, std::unique_ptr<EnvironmentRuntime>>& environments() { return envs_; }

 private:
  Runtime(asio::io_context& io, const config::ControllerConfig& config);
  std::shared_ptr<aws::ApiBudget> budgetFor(const aws::ClientConfig& client) const;

  asio::io_context& io_;
  config::ControllerConfig config_;
  asio::thread_pool blocking_{2};
  std::unique_ptr<aws::HttpTransport> transport_;
  // One API budget for every client of the process (docs/operations.md, "API budget").
  // Clients of an emulator (`endpointUrl`) get one limited only by controller.apiBudget.
  std::shared_ptr<aws::ApiBudget> budget_;
  std::shared_ptr<aws::ApiBudget> emulatorBudget_;
  std::unique_ptr<gitsource::RepositoryCache> repositories_;
  bool endsWithProcess_ = false;
  std::unique_ptr<aws::Client> stateClient_;
  std::unique_ptr<state::Store> store_;
  std::optional<state::SecretHasher> hasher_;
  EventBus events_;
  ResourceIndex changeIndex_;
  std::unique_ptr<aws::Client> eventsClient_;
  Metrics metrics_;
  std::string holderId_;
  std::map<std::string, std::unique_ptr<EnvironmentRuntime>> envs_;
};

// Runs fn() on the blocking pool (libgit2 blocks) and resumes on the caller's
// executor with its result. Pass a NAMED callable: GCC 12 destroys the
// non-trivial temporaries of a co_await expression twice, so no co_await
// operand in this project builds a lambda, string or Value in place.
template <typename F>
Awaitable<std::invoke_result_t<F>> offload(asio::thread_pool& pool, const F& work) {
  using R = std::invoke_result_t<F>;
  F fn = work;
  auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(R)>(
      [&pool, executor](auto handler, F f) {
        asio::post(pool, [handler = std::move(handler), f = std::move(f), executor]() mutable {
          R result = f();
          asio::post(executor,
                     [handler = std::move(handler), result = std::move(result)]() mutable {
                       std::move(handler)(std::move(result));
                     });
        });
      },
      asio::use_awaitable, std::move(fn));
}

}  // namespace driftless::controller
