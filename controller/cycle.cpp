#include "controller/cycle.h"

#include "controller/oneshot.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <set>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>

#include "controller/load_commit.h"
#include "controller/lookups.h"
#include "providers/common/observe_batch.h"
#include "providers/common/tag_snapshot.h"
#include "reconcile/observe.h"
#include "reconcile/outputs.h"
#include "reconcile/plan_render.h"
#include "state/secrets.h"

namespace driftless::controller {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::string partitionOf(const std::string& region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

std::string eventNameFor(reconcile::ActionKind kind) {
  switch (kind) {
    case reconcile::ActionKind::Create:
      return "resource.created";
    case reconcile::ActionKind::Update:
      return "resource.updated";
    case reconcile::ActionKind::Replace:
      return "resource.replaced";
    case reconcile::ActionKind::Delete:
      return "resource.deleted";
    case reconcile::ActionKind::Release:
      return "resource.released";
    default:
      return "resource.unchanged";
  }
}

// Actions that keep the environment from converging although nothing failed:
// a resource someone else owns, a refused replace (unobserved ones: see below).
std::vector<std::string> convergenceBlockers(const reconcile::Plan& plan) {
  std::vector<std::string> out;
  for (const auto& a : plan.actions) {
    if (a.kind == reconcile::ActionKind::Conflict) {
      out.push_back(
          a.id.str() + ": " +
          (a.blockedReason.empty() ? "exists and is not owned by driftless" : a.blockedReason));
    } else if (a.kind == reconcile::ActionKind::Replace && !a.blockedReason.empty() &&
               a.cause == reconcile::Cause::Change) {
      out.push_back(a.id.str() + ": " + a.blockedReason);
    }
  }
  return out;
}

// Resources that could not be observed: the cycle converged the rest and is
// `degraded`, not failed (one unreadable resource never stops the others).
std::vector<std::string> unobservedResources(const reconcile::Plan& plan) {
  std::vector<std::string> out;
  for (const auto& a : plan.actions)
    if (a.kind == reconcile::ActionKind::Unobserved)
      out.push_back(a.id.str() + ": cannot observe: " +
                    (a.blockedReason.empty() ? "observe failed" : a.blockedReason));
  return out;
}

std::string firstAndCount(const std::vector<std::string>& items) {
  std::string text = items.front();
  if (items.size() > 1) text += " (and " + std::to_string(items.size() - 1) + " more)";
  return text;
}

// The drift of a plan as recorded under drift/ (secret values as keyed hashes).
std::vector<state::DriftEvent> driftEvents(const reconcile::Plan& plan,
                                           const reconcile::ExecutionResult* exec,
                                           const state::SecretHasher* hasher,
                                           const std::map<ResourceId, Value>& causes) {
  std::vector<state::DriftEvent> out;
  auto corrected = [&](std::size_t index) {
    if (!exec) return false;
    for (const auto& r : exec->results)
      if (r.action == index) return r.outcome == reconcile::Outcome::Succeeded;
    return false;
  };
  auto protect = [&](const std::optional<Value>& v, bool secret) -> std::optional<Value> {
    if (!v || !secret) return v;
    if (hasher) return Value(hasher->hash(*v));
    return std::nullopt;
  };
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    const auto& a = plan.actions[i];
    if (!a.drifted()) continue;
    bool fixed = corrected(i);
    auto cause = causes.find(a.id);
    std::optional<Value> changedBy;
    if (cause != causes.end()) changedBy = cause->second;
    if (a.kind == reconcile::ActionKind::Create && a.cause == reconcile::Cause::Drift) {
      state::DriftEvent e;
      e.cause = changedBy;
      e.resource = a.id.str();
      e.type = a.type;
      e.physicalId = a.physicalId;
      e.kind = "missing";
      e.corrected = fixed;
      out.push_back(std::move(e));
      continue;
    }
    for (const auto& d : a.differences) {
      if (d.cause != reconcile::Cause::Drift) continue;
      state::DriftEvent e;
      e.resource = a.id.str();
      e.type = a.type;
      e.physicalId = a.physicalId;
      e.kind = "modified";
      e.cause = changedBy;
      e.path = d.path;
      e.secret = d.secret;
      e.expected = protect(d.desired, d.secret);
      e.live = protect(d.live, d.secret);
      e.corrected = fixed;
      out.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace

namespace {
std::int64_t epochMs(state::TimePoint t) {
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}
}  // namespace

std::chrono::milliseconds leaseTtl(const config::EnvironmentConfig& env) {
  auto ttl = env.interval * 3;
  return std::clamp<milliseconds>(duration_cast<milliseconds>(ttl), std::chrono::seconds(10),
                                  std::chrono::minutes(10));
}

bool leaseSafe(const state::Lease& lease, state::TimePoint now) {
  return now + lease.renewInterval < lease.expires;
}

Awaitable<Result<void>> renewHeldLease(Runtime& runtime, EnvironmentRuntime& env, bool running) {
  if (!env.lease) co_return fail(ErrorKind::Conflict, "no lease held");
  if (env.renewing) co_return Result<void>{};  // the renewal in flight decides
  env.renewing = true;
  auto renewed = co_await runtime.store().renewLease(*env.lease, leaseTtl(env.config));
  env.renewing = false;
  if (renewed) {
    env.lease = *renewed;
    co_return Result<void>{};
  }
  const Error& e = renewed.error();
  // Released while the renewal was in flight (releaseLease): nothing was lost.
  if (!env.lease) co_return fail(ErrorKind::Conflict, "the lease was released");
  bool takenOver = e.kind == ErrorKind::Conflict;
  if (!takenOver && env.lease && leaseSafe(*env.lease, state::Clock::now()))
    co_return Result<void>{};  // the store is unreachable, but nobody can take it before expiry
  std::string why =
      takenOver ? e.message
                : "the state store cannot be reached (" + e.message + ") and the lease of " +
                      env.config.name + " runs out at " +
                      state::formatTimestamp(env.lease ? env.lease->expires : state::Clock::now()) +
                      ": no cycle runs until the store answers again";
  env.lease.reset();
  env.leaseLost = why;
  env.stop = true;  // a running cycle starts no new action
  // Whichever noticed first (the keeper's renewal or a cycle's), said once.
  Event lost;
  lost.name = "lease.lost";
  lost.env = env.config.name;
  lost.level = "warn";
  lost.fields["error"] = why;
  lost.fields["running"] = running;
  runtime.events().publish(std::move(lost));
  co_return fail(e.kind, why);
}

Awaitable<Result<void>> ensureLease(Runtime& runtime, EnvironmentRuntime& env) {
  auto ttl = leaseTtl(env.config);
  if (env.lease) {
    // Renewed less than a third of its time-to-live ago (by the daemon's keeper).
    if (state::Clock::now() + 2 * env.lease->renewInterval < env.lease->expires)
      co_return Result<void>{};
    auto renewed = co_await renewHeldLease(runtime, env, /*running=*/true);
    if (renewed || renewed.error().kind != ErrorKind::Conflict) co_return renewed;
  }
  auto acquired = co_await runtime.store().acquireLease(env.config.name, runtime.holderId(), ttl);
  if (!acquired && (acquired.error().kind == ErrorKind::Transient ||
                    acquired.error().kind == ErrorKind::Throttled))
    co_return fail(acquired.error().kind, "the state store cannot be reached to take the lease (" +
                                              acquired.error().message +
                                              "): no cycle runs until it answers");
  if (!acquired) co_return fail(acquired.error());
  env.lease = *acquired;
  co_return Result<void>{};
}

Awaitable<Result<state::RetentionResult>> applyRetentionIfDue(state::Store& store, std::string env,
                                                              std::chrono::milliseconds retention,
                                                              RetentionSchedule& schedule,
                                                              state::TimePoint now,
                                                              std::size_t batch) {
  bool due =
      !schedule.lastRun || schedule.backlog || now - *schedule.lastRun >= std::chrono::hours(1);
  if (!due) co_return state::RetentionResult{};
  // Set before the call: a store that fails is tried again in an hour, not every cycle.
  schedule.lastRun = now;
  schedule.backlog = false;
  // Round up: a retention below an hour keeps records for an hour rather than none.
  auto hours = std::chrono::ceil<std::chrono::hours>(retention);
  auto result = co_await store.applyRetention(env, now, hours, batch);
  if (result) schedule.backlog = result->more;
  co_return result;
}

Awaitable<void> releaseLease(Runtime& runtime, EnvironmentRuntime& env) {
  if (!env.lease) co_return;
  // Dropped before the DELETE is sent: a cycle that starts while it is in
  // flight must take the lease anew, never run on the one being released
  // (another replica may hold it by the time that cycle acts).
  state::Lease lease = std::move(*env.lease);
  env.lease.reset();
  auto released = co_await runtime.store().releaseLease(std::move(lease));
  (void)released;  // an expired lease is simply gone; nothing to do either way
}

Awaitable<Result<void>> prepareProviders(Runtime& runtime, EnvironmentRuntime& env) {
  if (env.providers) co_return Result<void>{};
  aws::Params none;
  auto identity = co_await env.aws->query("sts", "GetCallerIdentity", none);
  if (!identity)
    co_return fail(identity.error().kind,
                   "cannot determine the AWS account (sts:GetCallerIdentity in " +
                       env.config.region + "): " + identity.error().describe());
  std::string account = identity->result.child("Account").text().as_string();
  env.principal = identity->result.child("Arn").text().as_string();
  if (account.empty())
    account = identity->root()
                  .first_element_by_path("GetCallerIdentityResult/Account")
                  .text()
                  .as_string();
  ProviderContext context;
  context.aws = env.aws.get();
  context.region = env.config.region;
  context.accountId = account;
  context.partition = partitionOf(env.config.region);
  context.controllerId = runtime.config().controller.id;
  context.environment = env.config.name;
  context.tagSnapshot = std::make_shared<common::TagSnapshot>();
  context.observeBatch = std::make_shared<common::ObserveBatch>();
  env.context = context;
  env.providers = std::make_unique<reconcile::ProviderSet>(runtime.registry(), context);
  co_return Result<void>{};
}

namespace {

// What an observation reads, per Tagging API resource type ("sqs", "s3") and
// stack, when enough of its resources take their tags from the bulk snapshot
// for the listing to cost less than a tag read each; empty otherwise.
common::TagCounts bulkTagCounts(const reconcile::DesiredState& desired,
                                const state::EnvironmentState& before, const Registry& registry) {
  common::TagCounts counts;
  std::size_t resources = 0;
  auto count = [&](const TypeInfo* info, const std::string& stack) {
    if (!info || info->taggingType.empty()) return;
    ++counts[info->taggingType][stack];
    ++resources;
  };
  for (const auto& r : desired.resources)
    count(r.info ? r.info : registry.info(r.type), r.id.stack);
  for (const auto& [stack, applied] : before.stacks)
    for (const auto& [logicalId, resource] : applied.resources)
      if (!desired.find(ResourceId{stack, logicalId})) count(registry.info(resource.type), stack);
  if (resources < common::TagSnapshot::kWorthFrom) return {};
  return counts;
}

std::size_t resourcesIn(const common::TagCounts& counts) {
  std::size_t n = 0;
  for (const auto& [type, byStack] : counts)
    for (const auto& [stack, count] : byStack)
      n += count;
  return n;
}

// Why resources could not be observed, as errors.
std::vector<Error> observeErrors(const reconcile::Plan& plan, const reconcile::LiveState& live) {
  std::vector<Error> out;
  for (const auto& a : plan.actions) {
    if (a.kind != reconcile::ActionKind::Unobserved) continue;
    const auto* l = live.find(a.id);
    out.push_back(l && l->error ? *l->error : Error::make(ErrorKind::Transient, a.blockedReason));
  }
  return out;
}

// What keeps the plan from converging: a resource someone else owns (Conflict:
// it may be adopted or removed outside git) or a refused replace (Invalid: only
// a commit allows it).
std::vector<Error> blockerErrors(const reconcile::Plan& plan) {
  std::vector<Error> out;
  for (const auto& a : plan.actions)
    if (a.kind == reconcile::ActionKind::Conflict)
      out.push_back(Error::make(ErrorKind::Conflict, a.blockedReason));
    else if (a.kind == reconcile::ActionKind::Replace && !a.blockedReason.empty() &&
             a.cause == reconcile::Cause::Change)
      out.push_back(Error::make(ErrorKind::Invalid, a.blockedReason));
  return out;
}

// The outcome of an executed plan: failed actions first, then what blocks
// convergence, then resources that could not be observed.
CycleOutcome outcomeOf(const reconcile::Plan& plan, const reconcile::LiveState& live,
                       const reconcile::ExecutionResult& ex, const std::string& leaseLost) {
  if (ex.cancelled)
    return CycleOutcome::failure(
        CycleResult::Partial, ErrorKind::Transient,
        leaseLost.empty()
            ? "stopped by shutdown before every action ran"
            : "the lease was lost during the cycle, remaining actions cancelled: " + leaseLost);
  if (ex.failed > 0 || ex.skipped > 0) {
    CycleOutcome o;
    o.result = ex.succeeded > 0 ? CycleResult::Partial : CycleResult::Failed;
    std::vector<Error> errors;
    for (const auto& r : ex.results)
      if (r.outcome == reconcile::Outcome::Failed && r.error) {
        if (o.error.empty()) o.error = r.id.str() + ": " + r.error->describe();
        errors.push_back(*r.error);
      }
    if (o.error.empty()) o.error = std::to_string(ex.failed + ex.skipped) + " actions did not run";
    classifyFailures(o, errors);
    return o;
  }
  if (auto blockers = convergenceBlockers(plan); !blockers.empty()) {
    CycleOutcome o =
        CycleOutcome::failure(CycleResult::Failed, ErrorKind::Conflict, firstAndCount(blockers));
    classifyFailures(o, blockerErrors(plan));
    return o;
  }
  if (auto unobserved = unobservedResources(plan); !unobserved.empty()) {
    CycleOutcome o = CycleOutcome::failure(CycleResult::Degraded, ErrorKind::Transient,
                                           firstAndCount(unobserved));
    classifyFailures(o, observeErrors(plan, live));
    return o;
  }
  return CycleOutcome::success();
}

// A step that runs beside the cycle's own line, on the same executor (the
// manifests load while the last applied state is read and observed); join()
// waits for its result. Every started one is joined before the cycle ends.
template <typename T>
class Beside {
 public:
  void start(const asio::any_io_executor& ex, Awaitable<T> work) {
    done_ = std::make_shared<asio::steady_timer>(ex, asio::steady_timer::time_point::max());
    auto finished = [this, done = done_](std::exception_ptr e, T result) {
      if (e)
        error_ = e;
      else
        result_.emplace(std::move(result));
      done->cancel();
    };
    asio::co_spawn(ex, std::move(work), std::move(finished));
  }
  Awaitable<T> join() {
    if (!result_ && !error_) {
      auto done = done_;
      boost::system::error_code ec;
      co_await done->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (error_) std::rethrow_exception(error_);
    co_return std::move(*result_);
  }

 private:
  std::shared_ptr<asio::steady_timer> done_;
  std::optional<T> result_;
  std::exception_ptr error_;
};

// The resources one cycle looks at: the whole environment, or (a targeted
// cycle) what its change events named and what depends on them.
struct Scope {
  reconcile::DesiredState* desired = nullptr;  // the plan takes its properties over
  const state::EnvironmentState* before = nullptr;
};

// One cycle in flight: a chain of named steps in the order of the data flow
// (docs/architecture.md) — fetch, load, lease, observe, plan, apply, record —
// each taking what it needs and returning what it found. A step that fails
// ends the cycle with a typed outcome (record still runs, under the lease).
class Cycle {
 public:
  Cycle(Runtime& runtime, EnvironmentRuntime& env, const CycleRequest& request)
      : rt_(runtime), env_(env), req_(request), cfg_(env.config) {}

  Awaitable<CycleReport> run() {
    start_ = state::Clock::now();
    steadyStart_ = steady_clock::now();
    co_await flushSpool();

    auto fetched = co_await fetch();
    if (!fetched) {
      assignCycleId(env_.lastCommit);
      setOutcome(CycleOutcome::failure(CycleResult::Failed, fetched.error()));
      co_return co_await finish();
    }
    began(*fetched);
    if (auto ready = co_await prepareProviders(rt_, env_); !ready) {
      setOutcome(CycleOutcome::failure(CycleResult::Failed, ready.error()));
      co_return co_await finish();
    }

    // The manifests load (on the blocking pool) while the last applied state is
    // read and, for a commit already applied, observed (readAhead); what failed
    // first in the order load, lease, state decides the outcome, as before.
    Beside<Loaded> loading;
    auto executor = co_await asio::this_coro::executor;
    loading.start(executor, load());
    co_await asio::post(executor, asio::use_awaitable);  // the load is on the pool first
    Ahead ahead = co_await readAhead();
    auto desired = co_await loading.join();
    if (!desired) {
      co_await forgetAhead();
      setOutcome(std::move(desired.error()));
      co_return co_await finish();
    }
    if (!ahead.leased) co_return skipped(ahead.leased.error());
    if (!ahead.read) {
      setOutcome(CycleOutcome::failure(CycleResult::Failed, ahead.read.error()));
      co_return co_await finish();
    }
    report_.managed = desired->resources.size();
    if (quiet()) {
      // Nothing new in git and no full scan due: change events and the next full
      // scan find drift; this cycle reads nothing from AWS.
      setOutcome(CycleOutcome::success(req_.apply ? CycleResult::Succeeded : CycleResult::Planned));
      co_return co_await finish();
    }
    Scope scope = scopeOf(*desired);
    auto live = co_await observe(scope);
    const reconcile::Plan& plan = makePlan(scope, live);
    releaseAfterPlan(*desired, live);
    if (!req_.apply || !plan.refusal.empty()) {
      setOutcome(unappliedOutcome(plan, live));
      co_return co_await finish();
    }
    if (auto applied = co_await apply(plan, *desired); !applied) {
      setOutcome(std::move(applied.error()));
      co_return co_await finish();
    }
    setOutcome(outcomeOf(plan, live, *report_.execution, env_.leaseLost));
    setNote();
    co_return co_await finish();
  }

 private:
  // --- fetch: the branch head (or --revision) ---------------------------------

  Awaitable<Result<FetchedHead>> fetch() {
    auto repo = env_.repository;
    std::string branch = cfg_.branch;
    std::optional<std::string> revision = req_.revision;
    // A webhook, resync or signal says the remote just changed: never reuse a
    // fetch that finished before it.
    bool reuse = req_.trigger == Trigger::Interval || req_.trigger == Trigger::Startup;
    auto work = [repo, branch, revision, reuse]() -> Result<FetchedHead> {
      if (!revision) return fetchHead(*repo, branch, reuse);
      auto c = repo->fetchRevision(*revision);
      if (!c)
        return fail(c.error().kind, "revision " + *revision + " of " + repo->displayUrl() + ": " +
                                        c.error().message);
      return FetchedHead{*c, false, {}};
    };
    auto fetched = co_await offload(rt_.blocking(), work);
    co_return fetched;
  }

  void began(const FetchedHead& fetched) {
    report_.commit = fetched.commit;
    env_.lastCommit = fetched.commit;
    assignCycleId(fetched.commit);
    Event started = make("cycle.started");
    started.fields["trigger"] = std::string(toString(req_.trigger));
    if (req_.revision) started.fields["revision"] = *req_.revision;
    buffered_.push_back(std::move(started));
    Event src = make("source.fetched");
    src.fields["branch"] = cfg_.branch;
    src.fields["changed"] = fetched.changed;
    for (const auto& n : fetched.notices)
      src.fields["notices"].push(n);
    buffered_.push_back(std::move(src));
  }

  // --- load: the commit's manifests, validated (the daemon keeps them) --------

  // The error is the first located diagnostic (all of them go to the log), so
  // status names file:line:col. Nothing is written to AWS before this passed.
  using Loaded = std::expected<reconcile::DesiredState, CycleOutcome>;
  Awaitable<Loaded> load() {
    // The commit the daemon's last cycle loaded: a copy of what it loaded (the
    // cycle's plan takes the properties over), on the pool like a load.
    if (std::shared_ptr<const reconcile::DesiredState> kept = env_.loaded;
        kept && kept->commit == report_.commit) {
      auto copy = [kept]() { return *kept; };
      reconcile::DesiredState desired = co_await offload(rt_.blocking(), copy);
      warnOnce(desired);
      co_return desired;
    }
    env_.loaded.reset();
    auto repo = env_.repository;
    std::string commit = report_.commit;
    reconcile::LoadContext lc = loadContextFor(cfg_, env_.context);
    const Registry* registry = &rt_.registry();
    const config::EnvironmentConfig* cfg = &cfg_;
    // SSM parameter types and Fn::GetAZs: what the first load notes as missing
    // is looked up, and the manifests loaded again with it.
    auto lookups = std::make_shared<reconcile::LiveLookups>();
    lc.lookups = lookups.get();
    auto work = [=]() { return loadCommit(*repo, commit, *cfg, lc, *registry); };
    LoadedCommit loaded = co_await offload(rt_.blocking(), work);
    const bool lookedUp = lookups->needed();  // (the second load finds what it needs)
    if (lookedUp) {
      auto found = co_await lookUp(*env_.aws, cfg_.region, *lookups);
      if (!found) {
        Error e = found.error();
        e.message = "looking up template values: " + e.message;
        co_return std::unexpected(CycleOutcome::failure(CycleResult::Failed, e));
      }
      loaded = co_await offload(rt_.blocking(), work);
    }
    if (loaded) {
      warnOnce(*loaded);
      // What was looked up may change in AWS: such a commit is loaded every cycle.
      if (rt_.keepsLoadedCommits() && !lookedUp) {
        const reconcile::DesiredState* desired = &*loaded;
        auto keep = [desired]() {
          return std::make_shared<const reconcile::DesiredState>(*desired);
        };
        env_.loaded = co_await offload(rt_.blocking(), keep);
      }
      co_return std::move(*loaded);
    }
    diagnostics_ = loaded.error().lines;
    co_return std::unexpected(CycleOutcome::failure(CycleResult::Failed, loaded.error().kind,
                                                    loaded.error().summary(commit)));
  }

  // What the manifests of a commit do that driftless ignores (CreationPolicy,
  // UpdatePolicy, ...), logged once per commit rather than on every cycle.
  void warnOnce(const reconcile::DesiredState& desired) {
    if (desired.warnings.empty() || env_.warnedCommit == report_.commit) return;
    env_.warnedCommit = report_.commit;
    std::string prefix = cfg_.path.empty() || cfg_.path == "." ? "" : cfg_.path + "/";
    for (const auto& w : desired.warnings) {
      reconcile::Diagnostic located = w;
      if (!located.file.empty()) located.file = prefix + located.file;
      Event e = make("manifest.warning");
      e.level = "warn";
      e.fields["message"] = located.str();
      rt_.events().publish(std::move(e));
    }
  }

  // --- lease: this controller alone writes the environment --------------------

  Awaitable<Result<void>> lease() {
    if (!req_.apply || leasedAt_) co_return Result<void>{};
    auto leased = co_await ensureLease(rt_, env_);
    if (leased) leasedAt_ = state::Clock::now();
    co_return leased;
  }

  // The last applied state (state.json), read under the lease. A corrupt one
  // is worked around (nothing pruned until `driftless state rebuild`).
  Awaitable<Result<void>> readLastApplied() {
    // The copy the previous cycle handed back (keepState) when state.json is unchanged.
    auto lastApplied = co_await rt_.store().readStateKept(cfg_.name);
    if (!lastApplied) {
      if (!state::isCorruptState(lastApplied.error()))
        co_return fail(lastApplied.error().kind, "reading state: " + lastApplied.error().message);
      stateCorrupt_ = true;
      corruptNote_ =
          lastApplied.error().message + " (pruning disabled until `driftless state rebuild`)";
    } else if (*lastApplied) {
      // One copy of the last applied state for the whole cycle (it is a few KiB a
      // resource: at 10,000 resources every extra copy cost tens of MiB of peak RSS).
      stateBefore_ = std::move(**lastApplied);
      hadState_ = true;
    }
    co_return Result<void>{};
  }

  // Beside the manifests' load: the lease, state.json, and, for a full scan of
  // the commit state last applied, the observation of what state records
  // (observeAhead). A failure stops here; the caller decides after the load.
  struct Ahead {
    Result<void> leased;
    Result<void> read;
  };
  Awaitable<Ahead> readAhead() {
    Ahead ahead;
    ahead.leased = co_await lease();
    if (!ahead.leased) co_return ahead;
    ahead.read = co_await readLastApplied();
    if (ahead.read && sameCommit() && req_.fullScan && req_.targets.empty())
      co_await observeAhead();
    co_return ahead;
  }

  // The commit did not load: what was read ahead is dropped (a broken commit's
  // cycle records no state, as when nothing was read before the load).
  Awaitable<void> forgetAhead() {
    co_await settleObservation();
    prior_.reset();
    stateBefore_ = {};
    hadState_ = stateCorrupt_ = false;
    corruptNote_.clear();
  }

  bool sameCommit() const { return hadState_ && stateBefore_.commit == report_.commit; }
  bool quiet() const { return sameCommit() && !req_.fullScan && req_.targets.empty(); }

  // --- observe: desired ∪ last applied, read from AWS --------------------------

  Scope scopeOf(reconcile::DesiredState& desired) {
    // A targeted cycle observes and plans only what the events named (and what
    // depends on it); the executor still starts from the whole state.
    if (sameCommit() && !req_.targets.empty()) scopeToTargets(desired);
    if (scoped_) return Scope{&scoped_->desired, &scoped_->before};
    return Scope{&desired, &stateBefore_};
  }

  // As many resources in flight as requests: the transport caps the requests, and a
  // smaller bound here would leave AWS round trips unoverlapped (with 50 ms of latency a
  // bound of 16 resources made a 1,000-resource no-op cycle twice as slow as boto3).
  std::size_t inFlight() const {
    return static_cast<std::size_t>(std::max(1, rt_.config().controller.maxInFlightRequests));
  }

  reconcile::ObserveOptions observeOptions() const {
    reconcile::ObserveOptions options;
    options.concurrency = inFlight();
    if (tagsOverlapped_)
      options.setWaitHook = [snapshot = env_.context.tagSnapshot](std::function<void(bool)> hook) {
        snapshot->onWait(std::move(hook));
      };
    return options;
  }

  // The bulk tags and the batch expectations of an observation of `scope`.
  Awaitable<void> prepareObservation(Scope scope) {
    requestsBefore_ = env_.stats ? env_.stats->total() : 0;
    tagsOverlapped_ = co_await loadTagSnapshot(scope, inFlight());
    expectObserved(scope);
  }

  Awaitable<void> settleObservation() {
    if (tagsOverlapped_) {
      tagsOverlapped_ = false;
      auto listed = co_await env_.context.tagSnapshot->settle();
      if (!listed) bulkTagsFailed(listed.error());
    }
    if (env_.context.tagSnapshot) env_.context.tagSnapshot->clear();
    if (env_.context.observeBatch) env_.context.observeBatch->clear();
  }

  // A full scan of the commit last applied reads what state records, as state
  // records it, while the manifests load; observe() takes over every read whose
  // input the loaded manifests confirm (reconcile::observeApplied).
  Awaitable<void> observeAhead() {
    reconcile::DesiredState none;  // not loaded yet: the listings cover what state records
    Scope applied{&none, &stateBefore_};
    co_await prepareObservation(applied);
    auto options = observeOptions();
    prior_ = co_await reconcile::observeApplied(stateBefore_, *env_.providers, options);
  }

  Awaitable<reconcile::LiveState> observe(Scope scope) {
    if (!prior_) co_await prepareObservation(scope);
    auto options = observeOptions();
    options.prior = prior_ ? &*prior_ : nullptr;
    const std::size_t ahead = prior_ ? prior_->resources.size() : 0;
    auto live =
        co_await reconcile::observeAll(*scope.desired, *scope.before, *env_.providers, options);
    if (prior_) report_.observedAhead = ahead - prior_->resources.size();
    prior_.reset();
    co_await settleObservation();
    report_.observed = live.resources.size();
    if (env_.stats) report_.observeRequests = env_.stats->total() - requestsBefore_;
    if (!scoped_) env_.lastFullScan = steady_clock::now();
    co_return live;
  }

  // Tags in bulk for this observation (common/tag_snapshot.h), in independent
  // listings side by side. A listing that fails costs nothing but itself: the
  // resources it would have listed read their own tags. With more resources
  // than requests in flight (`inFlight`), the listings run while the resources'
  // own reads go, and a provider waits for them only after its own read (true
  // returned: the caller settles the snapshot after the observation); with
  // fewer, every read fits in one round anyway and the listings go first.
  Awaitable<bool> loadTagSnapshot(Scope scope, std::size_t inFlight) {
    auto& snapshot = env_.context.tagSnapshot;
    if (!snapshot) co_return false;
    snapshot->clear();
    auto counts = bulkTagCounts(*scope.desired, *scope.before, env_.providers->registry());
    if (counts.empty()) co_return false;
    auto listings = common::splitListings(counts);
    if (resourcesIn(counts) > inFlight) {
      auto ex = co_await asio::this_coro::executor;
      snapshot->start(ex, env_.context, std::move(listings));
      co_return true;
    }
    auto loaded = co_await snapshot->load(env_.context, std::move(listings));
    if (!loaded) bulkTagsFailed(loaded.error());
    co_return false;
  }

  void bulkTagsFailed(const Error& error) {
    Event e = make("observe.bulk_tags_failed");
    e.level = "warn";
    e.fields["error"] = "tag:GetResources: " + error.describe() +
                        "; the tags of the resources it would have listed are read one by one "
                        "this cycle";
    rt_.events().publish(std::move(e));
  }

  // Observe in bulk (common/observe_batch.h): a full observation tells the
  // providers which ids of each type state records, so that a type that reads
  // many at once reads them all with its first observe. A targeted cycle reads
  // its few resources one by one.
  void expectObserved(Scope scope) {
    auto& batch = env_.context.observeBatch;
    if (!batch) return;
    batch->clear();
    if (scoped_) return;
    for (const auto& [stack, applied] : scope.before->stacks)
      for (const auto& [logicalId, resource] : applied.resources)
        batch->expect(resource.type, resource.physicalId);
  }

  // --- plan: pure; its events wait until the cycle proves to have something ---

  // The plan takes the properties and the observations over (planTakingOver): what
  // is left of `live` says only which resources could not be observed, and why.
  const reconcile::Plan& makePlan(Scope scope, reconcile::LiveState& live) {
    reconcile::PlanOptions options;
    // A local copy (state bucket unreachable) is ours, but never prune without a fresh state.
    options.prune = cfg_.prune && !stateCorrupt_ && !stateBefore_.localCopy;
    options.selfHeal = cfg_.selfHeal;
    options.maxPruneFraction = cfg_.maxPruneFraction;
    options.allowMassPrune = req_.allowMassPrune;
    options.controllerId = rt_.config().controller.id;
    options.environment = cfg_.name;
    options.differ = env_.providers->differ();
    options.hashSecret = hashSecret();
    report_.plan = reconcile::planTakingOver(*scope.desired, live, *scope.before, options);
    const auto& plan = *report_.plan;
    report_.changesOrDrift = plan.hasChangesOrDrift();
    report_.counts.drifted = static_cast<int>(plan.summary.drifted);
    report_.counts.unchanged = static_cast<int>(plan.summary.noop);
    bufferPlanEvents(plan);
    return plan;
  }

  // The plan holds the resolved properties and the observations from here on:
  // the loaded properties are not read again (outputs need only the resources'
  // types) and of `live` only the observe errors are, so neither stays in memory
  // through apply and record (at 10,000 resources, about 25 MiB of peak).
  static void releaseAfterPlan(reconcile::DesiredState& desired, reconcile::LiveState& live) {
    for (auto& r : desired.resources)
      r.properties = Value::object();
    for (auto* resources : {&live.resources, &live.renamedFrom})
      std::erase_if(*resources, [](const auto& entry) { return !entry.second.error; });
  }

  void bufferPlanEvents(const reconcile::Plan& plan) {
    Event planned = make("plan.computed");
    const auto& sum = plan.summary;
    for (auto [name, count] : {std::pair{"create", sum.create},
                               {"update", sum.update},
                               {"replace", sum.replace},
                               {"delete", sum.remove},
                               {"release", sum.release},
                               {"conflict", sum.conflict},
                               {"drifted", sum.drifted},
                               {"blocked", sum.blocked},
                               {"unchanged", sum.noop}})
      planned.fields[name] = static_cast<std::int64_t>(count);
    if (!plan.refusal.empty()) planned.fields["refusal"] = plan.refusal;
    buffered_.push_back(std::move(planned));
    for (const auto& a : plan.actions) {
      if (!a.drifted()) continue;
      Event d = resourceEvent("drift.detected", a.id.str(), a.type, a.physicalId);
      d.level = "warn";
      for (const auto& diff : a.differences)
        if (diff.cause == reconcile::Cause::Drift) d.fields["paths"].push(diff.path);
      if (a.kind == reconcile::ActionKind::Create) d.fields["missing"] = true;
      d.fields["corrected"] = cfg_.selfHeal && a.executes();
      if (!a.blockedReason.empty()) d.fields["note"] = a.blockedReason;
      if (auto c = req_.causes.find(a.id); c != req_.causes.end()) d.fields["cause"] = c->second;
      buffered_.push_back(std::move(d));
    }
    for (const auto& a : plan.actions) {
      if (a.kind != reconcile::ActionKind::Conflict && a.kind != reconcile::ActionKind::Unobserved)
        continue;
      Event c = resourceEvent(
          a.kind == reconcile::ActionKind::Conflict ? "resource.conflict" : "resource.unobserved",
          a.id.str(), a.type, a.physicalId);
      c.level = "warn";
      if (!a.blockedReason.empty()) c.fields["reason"] = a.blockedReason;
      buffered_.push_back(std::move(c));
    }
  }

  // A plan that is not applied: `driftless plan`, or a refused one (mass prune:
  // only a commit or `apply --allow-mass-prune` changes that, so Invalid).
  CycleOutcome unappliedOutcome(const reconcile::Plan& plan, const reconcile::LiveState& live) {
    if (req_.apply)
      return CycleOutcome::failure(CycleResult::Failed, ErrorKind::Invalid, plan.refusal);
    if (plan.summary.unobserved == 0) return CycleOutcome::success(CycleResult::Planned);
    CycleOutcome o = CycleOutcome::failure(CycleResult::Failed, ErrorKind::Transient,
                                           "some resources could not be observed");
    classifyFailures(o, observeErrors(plan, live));
    return o;
  }

  reconcile::SecretHash hashSecret() const {
    const auto* h = rt_.hasher();
    if (!h) return {};
    return [h](const Value& v) { return h->hash(v); };
  }

  // --- apply: create intents, execute, write state.json -----------------------

  using Step = std::expected<void, CycleOutcome>;

  Awaitable<Step> apply(const reconcile::Plan& plan, const reconcile::DesiredState& desired) {
    if (auto opened = co_await openIntents(plan); !opened)
      co_return std::unexpected(
          CycleOutcome::failure(CycleResult::Failed, opened.error().kind,
                                "writing state.json (create intents) before creating anything: " +
                                    opened.error().message));
    // Executed even when nothing is to be done: the executor also records what the
    // cycle saw without changing it (Noops, the commit's policies), with no AWS call.
    bool anything = std::any_of(plan.actions.begin(), plan.actions.end(),
                                [](const reconcile::Action& a) { return a.executes(); });
    if (anything) flushBuffered();
    reconcile::ExecuteOptions eo;
    eo.concurrency = 8;
    eo.cancel = req_.cancel;
    eo.timestamp = state::formatTimestamp(state::Clock::now());
    eo.hashSecret = hashSecret();
    eo.onEvent = [this](const reconcile::ExecutionEvent& ev) { onExecution(ev); };
    reconcile::ExecutionResult exec =
        co_await reconcile::execute(plan, stateBefore_, *env_.providers, eo);
    countResults(exec);
    report_.execution = std::move(exec);
    auto written = co_await writeState(plan, desired);
    co_return written;
  }

  void countResults(const reconcile::ExecutionResult& exec) {
    for (const auto& r : exec.results) {
      if (r.outcome == reconcile::Outcome::Cancelled) continue;
      if (r.outcome != reconcile::Outcome::Succeeded) {
        ++report_.counts.failed;
        continue;
      }
      switch (r.kind) {
        case reconcile::ActionKind::Create:
          ++report_.counts.created;
          break;
        case reconcile::ActionKind::Update:
          ++report_.counts.updated;
          break;
        case reconcile::ActionKind::Replace:
          ++report_.counts.replaced;
          break;
        case reconcile::ActionKind::Delete:
        case reconcile::ActionKind::Release:
          ++report_.counts.deleted;
          break;
        default:
          break;
      }
    }
  }

  // State is written only after what it describes happened: the executor's
  // state holds successful actions only.
  Awaitable<Step> writeState(const reconcile::Plan& plan, const reconcile::DesiredState& desired) {
    auto& ex = *report_.execution;
    const auto& before = stateBefore_;
    settleIntents(ex.state, plan, ex);
    reconcile::recordOutputs(desired, ex.state);  // an output that changed alone is recorded too
    bool commitMoved = !hadState_ || before.commit != report_.commit;
    bool recordedChanged = !hadState_ || !ex.state.sameContent(before);
    if (!env_.lease && (ex.succeeded > 0 || commitMoved || recordedChanged))
      co_return std::unexpected(
          CycleOutcome::failure(CycleResult::Failed, ErrorKind::Transient,
                                "the lease of " + cfg_.name + " was lost during the cycle (" +
                                    env_.leaseLost + "); state.json not written"));
    if (!(ex.succeeded > 0 || recordedChanged ||
          (commitMoved && ex.failed == 0 && ex.skipped == 0)))
      co_return Step{};
    ex.state.environment = cfg_.name;
    ex.state.region = cfg_.region;
    ex.state.account = env_.context.accountId;
    ex.state.timestamp = state::formatTimestamp(state::Clock::now());
    if ((ex.failed == 0 && ex.skipped == 0 && !ex.cancelled) || ex.state.commit.empty())
      ex.state.commit = report_.commit;
    Result<void> wrote;
    for (int attempt = 0; attempt < 3; ++attempt) {
      wrote = co_await rt_.store().writeState(cfg_.name, ex.state);
      if (wrote) break;
    }
    if (!wrote)
      co_return std::unexpected(CycleOutcome::failure(
          CycleResult::Failed, wrote.error().kind, "writing state.json: " + wrote.error().message));
    stateAfter_ = std::move(ex.state);  // nothing reads the execution's copy after this
    co_return Step{};
  }

  // A converged cycle still says what it worked around.
  void setNote() {
    if (report_.outcome.failed() || !report_.outcome.error.empty()) return;
    if (!corruptNote_.empty())
      report_.outcome.error = corruptNote_;
    else if (stateBefore_.localCopy)
      report_.outcome.error =
          "state bucket unreachable: worked from this controller's last state, nothing pruned";
  }

  // Drift left alone is recorded once: what is new (or changed again) since the
  // last cycle, while `active` (status.json) keeps firstSeen/lastSeen for all of
  // it. A targeted cycle keeps what it did not look at.
  std::vector<state::DriftEvent> unrecordedDrift(std::vector<state::DriftEvent> found,
                                                 Value& active, const std::string& now) const {
    Value next = Value::object();
    if (active.isObject() && scoped_)
      for (const auto& [key, entry] : active.asObject())
        if (!scoped_->desired.find(ResourceId::parse(key.substr(0, key.find(' ')))))
          next[key] = entry;
    std::vector<state::DriftEvent> fresh;
    for (auto& e : found) {
      if (e.corrected) {
        fresh.push_back(std::move(e));
        continue;
      }
      std::string key = e.resource + " " + (e.kind == "missing" ? "(missing)" : e.path);
      Value live = e.live ? *e.live : Value();
      const Value* was = active.isObject() ? active.find(key) : nullptr;
      const Value* wasLive = was ? was->find("live") : nullptr;
      Value entry = Value::object();
      if (wasLive && *wasLive == live) {
        entry = *was;
      } else {
        entry["firstSeen"] = now;
        entry["live"] = std::move(live);
        fresh.push_back(std::move(e));
      }
      entry["lastSeen"] = now;
      next[key] = std::move(entry);
    }
    active = std::move(next);
    return fresh;
  }

  // Restricts this cycle to the targets of its change events and what depends on
  // them (transitively), with their last applied entries.
  void scopeToTargets(const reconcile::DesiredState& desired) {
    std::set<ResourceId> in;
    for (const auto& id : req_.targets)
      if (desired.find(id)) in.insert(id);
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& r : desired.resources)
        if (!in.count(r.id))
          for (const auto& dep : r.dependencies)
            if (in.count(dep)) {
              grew = in.insert(r.id).second || grew;
              break;
            }
    }
    Scoped s;
    s.desired.commit = desired.commit;
    s.desired.environment = desired.environment;
    for (const auto& r : desired.resources)
      if (in.count(r.id)) s.desired.resources.push_back(r);
    s.before.commit = stateBefore_.commit;
    s.before.environment = stateBefore_.environment;
    for (const auto& id : in)
      if (const auto* applied = stateBefore_.find(id))
        s.before.stacks[id.stack].resources[id.logicalId] = *applied;
    s.before.intents = stateBefore_.intents;
    scoped_ = std::move(s);
  }

  // Crash-safe creation: before the first create call, state records what is
  // about to be created under which name, so a create interrupted between its
  // calls (or by a kill) is recognised as ours and completed by the next cycle.
  Awaitable<Result<void>> openIntents(const reconcile::Plan& plan) {
    std::vector<state::CreateIntent> opening;
    for (const auto& a : plan.actions) {
      if (!a.executes() || a.orphan) continue;
      if (a.kind != reconcile::ActionKind::Create && a.kind != reconcile::ActionKind::Replace)
        continue;
      std::string name = !a.desired.physicalId.empty() ? a.desired.physicalId : a.physicalId;
      if (name.empty()) continue;  // named by AWS: nothing to find it by yet
      opening.push_back({a.id.str(), a.type, std::move(name), report_.cycleId});
    }
    if (opening.empty()) co_return Result<void>{};
    auto& intents = stateBefore_.intents;
    for (auto& i : opening) {
      std::erase_if(intents, [&](const state::CreateIntent& o) { return o.id == i.id; });
      intents.push_back(std::move(i));
    }
    stateBefore_.environment = cfg_.name;
    stateBefore_.region = cfg_.region;
    stateBefore_.account = env_.context.accountId;
    stateBefore_.timestamp = state::formatTimestamp(state::Clock::now());
    co_return co_await rt_.store().writeState(cfg_.name, stateBefore_);
  }

  // Intents still open after the executor ran: a create that succeeded, a
  // resource found complete (a Noop, recorded as such) and a resource gone
  // from git close theirs; a failed or unobserved one keeps it.
  static void settleIntents(state::EnvironmentState& st, const reconcile::Plan& plan,
                            const reconcile::ExecutionResult& ex) {
    if (st.intents.empty()) return;
    std::set<ResourceId> succeeded;
    for (const auto& r : ex.results)
      if (r.outcome == reconcile::Outcome::Succeeded) succeeded.insert(r.id);
    std::erase_if(st.intents, [&](const state::CreateIntent& i) {
      ResourceId id = ResourceId::parse(i.id);
      const reconcile::Action* a = plan.find(id);
      return !a || a->orphan || a->kind == reconcile::ActionKind::Noop || succeeded.count(id) > 0;
    });
  }

  struct Scoped {
    reconcile::DesiredState desired;
    state::EnvironmentState before;
  };
  std::optional<Scoped> scoped_;               // set for a targeted cycle
  std::optional<reconcile::LiveState> prior_;  // observed ahead of the manifests
  bool tagsOverlapped_ = false;  // the bulk tag listing runs beside the reads (settle it)
  std::uint64_t requestsBefore_ = 0;
  std::optional<state::TimePoint> leasedAt_;  // when this cycle held its lease

  Event make(const std::string& name) {
    Event e;
    e.name = name;
    e.env = cfg_.name;
    e.cycle = report_.cycleId;
    e.commit = report_.commit;
    return e;
  }
  Event resourceEvent(const std::string& name, const std::string& id, const std::string& type,
                      const std::string& physicalId) {
    Event e = make(name);
    e.id = id;
    e.type = type;
    e.physicalId = physicalId;
    return e;
  }
  void flushBuffered() {
    for (auto& e : buffered_)
      rt_.events().publish(std::move(e));
    buffered_.clear();
  }

  void assignCycleId(const std::string& commit) {
    report_.cycleId =
        state::makeCycleId(start_, commit.empty() ? "0000000" : commit, ++env_.cycleCounter);
  }

  void onExecution(const reconcile::ExecutionEvent& ev) {
    if (ev.phase != reconcile::ExecutionEvent::Phase::Finished || !ev.result) return;
    const auto& r = *ev.result;
    Value line = Value::object();
    line["id"] = r.id.str();
    line["type"] = r.type;
    line["action"] = std::string(reconcile::toString(r.kind));
    line["outcome"] = std::string(reconcile::toString(r.outcome));
    line["physicalId"] = r.physicalId;
    line["durationMs"] = static_cast<std::int64_t>(r.duration.count());
    line["time"] = state::formatTimestamp(state::Clock::now());
    if (r.error) line["error"] = r.error->describe();
    executionLog_.push_back(line);
    if (r.outcome == reconcile::Outcome::Cancelled) return;
    std::string physical = r.physicalId.empty() && ev.action ? ev.action->physicalId : r.physicalId;
    if (r.outcome == reconcile::Outcome::Succeeded) {
      Event e = resourceEvent(eventNameFor(r.kind), r.id.str(), r.type, physical);
      if (ev.action && ev.action->cause == reconcile::Cause::Drift) e.fields["cause"] = "drift";
      if (ev.action &&
          (r.kind == reconcile::ActionKind::Update || r.kind == reconcile::ActionKind::Replace)) {
        for (const auto& d : ev.action->differences)
          e.fields["changed"].push(d.path);
      }
      e.fields["durationMs"] = static_cast<std::int64_t>(r.duration.count());
      rt_.events().publish(std::move(e));
    } else {
      Event e = resourceEvent("resource.failed", r.id.str(), r.type, physical);
      e.level = "error";
      e.fields["action"] = std::string(reconcile::toString(r.kind));
      if (r.outcome == reconcile::Outcome::Skipped) e.fields["skipped"] = true;
      if (r.error) e.fields["error"] = r.error->describe();
      rt_.events().publish(std::move(e));
    }
  }

  // Records written while the state bucket was unreachable go up first, in
  // order, so this cycle's records land after them. Free when the spool is
  // empty (always, for the local backend).
  Awaitable<void> flushSpool() {
    if (!req_.apply || rt_.store().spoolDepth() == 0) co_return;
    auto flushed = co_await rt_.store().flushSpool();
    if (!flushed) {
      Event e = make("record.failed");
      e.level = "warn";
      e.fields["error"] = "uploading spooled records: " + flushed.error().message;
      rt_.events().publish(std::move(e));
    }
  }

  // The lease is held elsewhere (or cannot be taken): nothing is recorded.
  CycleReport skipped(const Error& why) {
    report_.cycleId = "";
    buffered_.clear();
    setOutcome(CycleOutcome::failure(CycleResult::Skipped, why));
    if (req_.schedule) report_.next = req_.schedule->after(report_.outcome);
    report_.duration = duration_cast<milliseconds>(steady_clock::now() - steadyStart_);
    Event e = make("cycle.skipped");
    e.level = "warn";
    e.fields["reason"] = report_.outcome.error;
    e.fields["trigger"] = std::string(toString(req_.trigger));
    rt_.events().publish(std::move(e));
    return std::move(report_);
  }

  // A statement of its own, so no temporary lives across the co_await of finish().
  void setOutcome(CycleOutcome outcome) { report_.outcome = std::move(outcome); }

  bool stalled() const { return report_.next && report_.next->stalled; }

  // --- record: history, status, metrics, events --------------------------------

  Awaitable<CycleReport> finish() {
    // A cycle that ended before its lease step (a broken commit) records under the lease too.
    if (req_.apply && !leasedAt_) {
      if (auto held = co_await lease(); !held) co_return skipped(held.error());
    }
    report_.outcome.commit = report_.commit;
    if (req_.schedule) report_.next = req_.schedule->after(report_.outcome);
    auto end = state::Clock::now();
    report_.duration = duration_cast<milliseconds>(steady_clock::now() - steadyStart_);
    bool failedCycle = report_.outcome.failed();
    report_.noop = !failedCycle && !report_.changesOrDrift && report_.counts.total() == 0;
    if (!report_.noop) flushBuffered();

    // The change-event index follows what state now records (before record()
    // moves the states into the history record).
    if (req_.apply && (hadState_ || stateAfter_))
      reindex(stateAfter_ ? *stateAfter_ : stateBefore_);
    if (req_.apply) co_await record(end);
    if (req_.apply) updateMetrics(end);
    publishFinished();
    keepState();
    co_return std::move(report_);
  }

  // What state.json now holds, as this cycle read or wrote it, goes back to the
  // store by move (no copy of it at any time): the next cycle has it without
  // reading and parsing the file again if nothing else wrote it meanwhile. The
  // store refuses it after a failed write or a lease change.
  void keepState() {
    if (stateAfter_)
      rt_.store().keepState(cfg_.name, std::move(*stateAfter_));
    else if (hadState_)
      rt_.store().keepState(cfg_.name, std::move(stateBefore_));
    stateAfter_.reset();
    hadState_ = false;
  }

  // Rebuilt when this cycle wrote state or state is not the one indexed: its entries are
  // long-lived, and allocating them again at the end of every no-op cycle, among the cycle's freed
  // memory, kept pages of it resident between cycles.
  void reindex(const state::EnvironmentState& st) {
    std::string key = st.commit + " " + st.timestamp + " " + std::to_string(st.resourceCount());
    if (!stateAfter_ && key == env_.indexedState) return;  // this cycle wrote no state
    rt_.changeIndex().rebuild(cfg_.name, st);
    env_.indexedState = std::move(key);
  }

  void updateMetrics(state::TimePoint end) {
    auto& metrics = rt_.metrics();
    double seconds = static_cast<double>(report_.duration.count()) / 1000.0;
    metrics.cycleFinished(cfg_.name, std::string(toString(report_.outcome.result)), seconds);
    if (report_.plan && !scoped_) {  // a targeted cycle saw only part of the environment
      metrics.setDrifted(cfg_.name, report_.plan->summary.drifted);
      metrics.setManaged(cfg_.name, report_.managed);
      if (report_.observed > 0)
        metrics.setObserveRequestsPerResource(
            cfg_.name, static_cast<double>(report_.observeRequests) / report_.observed);
    }
    if (report_.outcome.result == CycleResult::Succeeded) {
      metrics.setLastSuccess(cfg_.name,
                             std::chrono::duration<double>(end.time_since_epoch()).count());
      env_.lastSuccess = state::formatTimestamp(end);
    }
  }

  void publishFinished() {
    const CycleOutcome& o = report_.outcome;
    Event done = make("cycle.finished");
    done.fields["result"] = std::string(toString(o.result));
    // Which replica ran it, from when it held the lease (ms): cycles of one
    // environment never overlap. (A cycle may start, then wait for the lease.)
    done.fields["instance"] = rt_.holderId();
    done.fields["startMs"] = epochMs(leasedAt_ ? *leasedAt_ : start_);
    done.fields["endMs"] = epochMs(state::Clock::now());
    done.fields["trigger"] = std::string(toString(req_.trigger));
    done.fields["durationMs"] = static_cast<std::int64_t>(report_.duration.count());
    if (report_.plan) {
      done.fields["resources"] = static_cast<std::int64_t>(report_.managed);
      done.fields["drifted"] = static_cast<std::int64_t>(report_.plan->summary.drifted);
    }
    if (report_.counts.total() > 0) {
      done.fields["created"] = report_.counts.created;
      done.fields["updated"] = report_.counts.updated;
      done.fields["replaced"] = report_.counts.replaced;
      done.fields["deleted"] = report_.counts.deleted;
      done.fields["failed"] = report_.counts.failed;
    }
    done.fields["observed"] = static_cast<std::int64_t>(report_.observed);
    if (report_.observedAhead > 0)
      done.fields["observedAhead"] = static_cast<std::int64_t>(report_.observedAhead);
    if (hadState_ && stateBefore_.kept) done.fields["stateKept"] = true;
    if (!o.error.empty()) done.fields["error"] = o.error;
    if (o.failed() && o.kind) done.fields["errorKind"] = std::string(toString(*o.kind));
    if (o.failed() && report_.next) {
      // When the scheduler tries again; stalled: not before the branch moves or a resync.
      if (stalled())
        done.fields["stalled"] = true;
      else
        done.fields["retryInMs"] = static_cast<std::int64_t>(report_.next->delay.count());
    }
    for (std::size_t i = 0; i < diagnostics_.size() && i < 20; ++i)
      done.fields["diagnostics"].push(diagnostics_[i]);
    if (o.failed()) done.level = "error";
    rt_.events().publish(std::move(done));
  }

  void recordFailed(const std::string& level, const std::string& error) {
    Event e = make("record.failed");
    e.level = level;
    e.fields["error"] = error;
    rt_.events().publish(std::move(e));
  }

  // history when something was planned, drifted or failed; status always.
  Awaitable<void> record(state::TimePoint end) {
    auto& store = rt_.store();
    // The states move into the history record below: keep what status needs of them.
    const std::string beforeCommit = hadState_ ? stateBefore_.commit : "";
    const std::string afterCommit = stateAfter_ ? stateAfter_->commit : "";
    state::StatusRecord s;
    auto previous = co_await store.readStatus(cfg_.name);
    if (previous && *previous) s = **previous;
    if (!report_.noop) co_await writeHistory(end, s.activeDrift);
    if (report_.noop && report_.plan)  // no drift any more where this cycle looked
      (void)unrecordedDrift({}, s.activeDrift, state::formatTimestamp(end));
    fillStatus(s, end, afterCommit.empty() ? beforeCommit : afterCommit);
    auto wrote = co_await store.writeStatus(cfg_.name, s);
    if (!wrote) recordFailed("error", "writing status.json: " + wrote.error().message);

    auto expired = co_await applyRetentionIfDue(store, cfg_.name, rt_.config().state.retention,
                                                env_.retention, end);
    if (!expired) recordFailed("warn", "applying state.retention: " + expired.error().message);
  }

  Awaitable<void> writeHistory(state::TimePoint end, Value& activeDrift) {
    state::CycleRecord rec;
    auto& m = rec.metadata;
    m.cycleId = report_.cycleId;
    m.environment = cfg_.name;
    m.controllerId = rt_.config().controller.id;
    m.instance = rt_.holderId();
    m.leasedMs = epochMs(leasedAt_ ? *leasedAt_ : start_);
    m.endMs = epochMs(end);
    m.commit = report_.commit;
    m.trigger = std::string(toString(req_.trigger));
    m.start = state::formatTimestamp(start_);
    m.end = state::formatTimestamp(end);
    m.durationMs = report_.duration.count();
    m.result = std::string(toString(report_.outcome.result));
    m.error = report_.outcome.error;
    m.counts = report_.counts;
    if (report_.plan) rec.plan = reconcile::renderJson(*report_.plan);
    if (hadState_) rec.stateBefore = std::move(stateBefore_);
    const bool wroteState = stateAfter_.has_value();
    if (wroteState)
      rec.stateAfter = std::move(*stateAfter_);
    else if (hadState_)
      rec.stateAfter = rec.stateBefore;  // nothing applied: after = before
    rec.executionLog = executionLog_;
    if (report_.plan)
      rec.drift = unrecordedDrift(
          driftEvents(*report_.plan, report_.execution ? &*report_.execution : nullptr,
                      rt_.hasher(), req_.causes),
          activeDrift, state::formatTimestamp(end));
    auto wrote = co_await rt_.store().writeCycle(cfg_.name, rec);
    if (!wrote) recordFailed("error", "writing history: " + wrote.error().message);
    // Back where they were, for keepState.
    if (hadState_) stateBefore_ = std::move(*rec.stateBefore);
    if (wroteState) stateAfter_ = std::move(*rec.stateAfter);
  }

  void fillStatus(state::StatusRecord& s, state::TimePoint end, const std::string& applied) {
    const CycleOutcome& o = report_.outcome;
    s.environment = cfg_.name;
    s.controllerId = rt_.config().controller.id;
    s.branch = cfg_.branch;
    if (!report_.commit.empty()) s.lastCommit = report_.commit;
    if (!applied.empty()) s.lastAppliedCommit = applied;
    if (!report_.noop) s.lastCycleId = report_.cycleId;
    s.lastResult = std::string(toString(o.result));
    s.lastCycleStart = state::formatTimestamp(start_);
    s.lastCycleEnd = state::formatTimestamp(end);
    if (o.result == CycleResult::Succeeded) s.lastSuccess = s.lastCycleEnd;
    bool due = report_.next && !stalled();
    s.nextRun = due ? state::formatTimestamp(end + report_.next->delay) : "";
    s.error = o.error;
    if (s.extra.isObject()) s.extra.erase("stalled");
    if (stalled()) {
      s.error = stalledMessage(o.commit, o.error);
      Value stall = Value::object();
      stall["commit"] = o.commit;
      stall["error"] = o.error;
      stall["since"] = s.lastCycleEnd;
      if (!s.extra.isObject()) s.extra = Value::object();
      s.extra["stalled"] = std::move(stall);
    }
    // A cycle that saw only part of the environment (targeted, or none between full
    // scans) keeps the count of the last full look.
    if (report_.plan && !scoped_) s.driftCount = static_cast<int>(report_.plan->summary.drifted);
    if (report_.plan) s.managedResources = static_cast<int>(report_.managed);
    s.stateCorrupt = !corruptNote_.empty();
    s.spoolDepth = rt_.store().spoolDepth();
  }

  Runtime& rt_;
  EnvironmentRuntime& env_;
  const CycleRequest& req_;
  const config::EnvironmentConfig& cfg_;
  state::TimePoint start_;
  steady_clock::time_point steadyStart_;
  CycleReport report_;
  std::vector<Event> buffered_;
  std::vector<std::string> diagnostics_;
  std::vector<Value> executionLog_;
  state::EnvironmentState stateBefore_;
  std::optional<state::EnvironmentState> stateAfter_;
  bool hadState_ = false;
  bool stateCorrupt_ = false;
  std::string corruptNote_;
};

}  // namespace

Awaitable<CycleReport> runCycle(Runtime& runtime, EnvironmentRuntime& env,
                                const CycleRequest& request) {
  auto cycle = std::make_shared<Cycle>(runtime, env, request);
  CycleReport report = co_await cycle->run();
  if (runtime.endsWithProcess()) keepUntilExit(std::move(cycle));
  co_return report;
}

}  // namespace driftless::controller
