#include "controller/daemon.h"

#include <csignal>
#include <cstdlib>
#include <ostream>

#include "controller/event_log.h"
#include "controller/load_commit.h"
#include "controller/memory.h"
#include "controller/webhook.h"
#include "reconcile/outputs.h"
#include "state/lease_holder.h"

namespace driftless::controller {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

Value okAnswer() {
  Value v = Value::object();
  v["ok"] = true;
  return v;
}

Value errorAnswer(const std::string& message) {
  Value v = Value::object();
  v["ok"] = false;
  v["error"] = message;
  return v;
}

std::string stringField(const Value& v, const char* key) {
  const Value* f = v.find(key);
  return f && f->isString() ? f->asString() : std::string();
}

}  // namespace

Daemon::Daemon(config::ControllerConfig config, DaemonOptions options)
    : config_(std::move(config)), options_(options) {}

Daemon::~Daemon() {
  if (runtime_ && eventToken_) runtime_->events().unsubscribe(eventToken_);
}

milliseconds Daemon::retryDelay(const config::EnvironmentConfig& env) const {
  if (env.retryInterval.count() > 0) return env.retryInterval;
  return std::min<milliseconds>(env.interval / 2, std::chrono::minutes(5));
}

std::vector<std::string> Daemon::trigger(const std::string& env, Trigger reason) {
  std::vector<std::string> woken;
  for (auto& [name, slot] : slots_) {
    if (!env.empty() && name != env) continue;
    if (slot.suspended) continue;
    // Several triggers before the loop looks again are one follow-up cycle.
    if (!slot.triggered) slot.trigger = reason;
    slot.triggered = true;
    slot.wake->cancel();
    woken.push_back(name);
  }
  return woken;
}

Awaitable<void> Daemon::environmentLoop(Slot& slot) {
  ++loops_;
  auto& env = *slot.env;
  slot.triggered = !slot.suspended;
  slot.trigger = Trigger::Startup;
  while (!stopping_) {
    if (!slot.triggered) {
      slot.wake->expires_at(slot.nextRun);
      boost::system::error_code ec;
      co_await slot.wake->async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (stopping_) break;
      if (!slot.triggered) {
        if (steady_clock::now() < slot.nextRun) continue;
        slot.trigger = Trigger::Interval;
      }
    }
    slot.triggered = false;
    if (slot.suspended) {
      slot.nextRun = steady_clock::now() + env.config.interval;
      continue;
    }
    if (!env.lease && co_await becameStandby(slot)) continue;
    // Stalled on an invalid commit: only a new commit or a resync runs a cycle.
    if (slot.stalled && asksForResync(slot.trigger)) slot.stalled.reset();
    if (slot.stalled && !co_await branchMoved(slot)) {
      slot.tryingAcquire = false;  // reserved by the share check, not taken
      continue;
    }
    co_await runScheduledCycle(slot);
  }
  if (--loops_ == 0 && drained_) drained_->cancel();
}

Awaitable<bool> Daemon::becameStandby(Slot& slot) {
  auto& env = *slot.env;
  // A standby looks at most once per retryInterval, and only while it may take more.
  auto standby = co_await standbyReason(slot);
  if (!standby) co_return false;
  if (!slot.standby) {  // once when it becomes a standby, not every look
    Event e;
    e.name = "cycle.skipped";
    e.env = env.config.name;
    e.level = "info";
    e.fields["reason"] = *standby;
    e.fields["trigger"] = std::string(toString(slot.trigger));
    runtime_->events().publish(std::move(e));
  }
  slot.standby = *standby;
  slot.settled = true;
  if (firstCycles_) firstCycles_->cancel();  // the events consumer waits on settled slots
  slot.nextRun = steady_clock::now() + retryDelay(env.config);
  slot.nextRunWall = state::formatTimestamp(state::Clock::now() + retryDelay(env.config));
  co_return true;
}

Awaitable<bool> Daemon::branchMoved(Slot& slot) {
  auto& env = *slot.env;
  auto repo = env.repository;
  std::string branch = env.config.branch;
  bool reuse = slot.trigger == Trigger::Interval;
  auto work = [repo, branch, reuse]() { return fetchHead(*repo, branch, reuse); };
  auto head = co_await offload(runtime_->blocking(), work);
  if (head && head->commit != slot.stalled->commit) {
    slot.stalled.reset();
    co_return true;
  }
  // Unchanged (or the remote unreachable): still stalled; look again after the interval.
  slot.nextRun = steady_clock::now() + slot.schedule->jittered(env.config.interval);
  co_return false;
}

Awaitable<void> Daemon::runScheduledCycle(Slot& slot) {
  auto& env = *slot.env;
  CycleRequest request;
  request.apply = true;
  request.trigger = slot.trigger;
  // Shutdown, or the lease lost mid-cycle (the keeper sets it): no new action starts.
  env.stop = cancel_.load();
  env.leaseLost.clear();
  request.cancel = &env.stop;
  request.schedule = slot.schedule.get();
  // Between full scans an interval cycle with no new commit reads nothing from AWS.
  request.fullScan = slot.trigger != Trigger::Interval ||
                     env.config.fullScanInterval <= env.config.interval || !env.lastFullScan ||
                     steady_clock::now() - *env.lastFullScan >= env.config.fullScanInterval;
  auto receipts = takeChangeEvents(slot, request);
  co_await health_->beforeCycle(env, request);
  slot.running = true;
  slot.tryingAcquire = !env.lease;
  CycleReport report = co_await runCycle(*runtime_, env, request);
  slot.running = false;
  co_await settleChangeEvents(std::move(receipts));
  slot.cycledOnce = true;
  if (firstCycles_) firstCycles_->cancel();
  slot.tryingAcquire = false;
  slot.standby.reset();
  slot.last = report.outcome;
  slot.settled = true;
  if (report.outcome.result != CycleResult::Skipped) slot.completedOnce = true;
  NextRun next = report.next.value_or(NextRun{retryDelay(env.config), false});
  if (next.stalled) slot.stalled = report.outcome;
  co_await health_->afterCycle(env, report, request);  // bake, and roll back on an alarm
  bool ok = report.outcome.result == CycleResult::Succeeded;
  report = CycleReport{};  // the plan and the execution's state: not kept between cycles
  // Hands the cycle's freed pages back: an allocator keeps them resident otherwise,
  // and the next cycle's allocations, placed elsewhere, raised the peak RSS of each
  // cycle at 10,000 resources over the one before (docs/performance.md, "Memory").
  releaseFreedMemory();
  // A targeted cycle leaves the interval's schedule as it was.
  if (ok && request.trigger == Trigger::Event && slot.nextRun > steady_clock::now()) co_return;
  slot.nextRun = steady_clock::now() + next.delay;
  // Stalled: the branch is fetched again after `delay`, but no cycle is due.
  slot.nextRunWall =
      next.stalled ? std::string() : state::formatTimestamp(state::Clock::now() + next.delay);
}

Awaitable<void> Daemon::leaseKeeper(Slot& slot) {
  // Renews a held lease every third of its time-to-live, between cycles and while one
  // runs: a long cycle keeps its lease, and one that loses it starts no new action.
  asio::steady_timer timer(io_);
  while (!stopping_) {
    timer.expires_after(leaseTtl(slot.env->config) / 3);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    if (!slot.env->lease) continue;
    co_await renewHeldLease(*runtime_, *slot.env, slot.running);  // logs lease.lost
  }
}

int Daemon::heldCount() const {
  int n = 0;
  for (const auto& [name, slot] : slots_)
    if (slot.env->lease || slot.tryingAcquire) ++n;
  return n;
}

Awaitable<std::optional<std::string>> Daemon::standbyReason(Slot& slot) {
  const Share& share = replicas_->share();
  int held = heldCount();
  if (!share.mayAcquire(held)) {
    co_return "standby: this replica holds " + std::to_string(held) + " of " +
        std::to_string(share.environments) + " environments, its share with " +
        std::to_string(share.live) + " live replica(s), and takes no more leases";
  }
  // Counted as held from here: the other environments' loops look at the same
  // time, and each would otherwise pass the share check while this one awaits
  // the lock's GET (two replicas taking a dead one's 9 ended at 17 and 13).
  slot.tryingAcquire = true;
  auto reason = co_await leaseTakenElsewhere(slot);
  if (reason) slot.tryingAcquire = false;
  co_return reason;
}

Awaitable<std::optional<std::string>> Daemon::leaseTakenElsewhere(Slot& slot) {
  // One GET: a live lease of another replica is left alone until the next look.
  auto holder = co_await runtime_->store().leaseHolder(slot.env->config.name);
  if (!holder)
    co_return "standby: the state store cannot be reached to read the lease (" +
        holder.error().message + "): no cycle runs until it answers";
  // A lease of this controller's own crashed process (same host, pid gone) is
  // taken at once (state/lease_holder.h).
  if (*holder && (*holder)->holder != runtime_->holderId() &&
      !state::holderDiedOnThisHost((*holder)->holder, runtime_->holderId()))
    co_return "standby: the lease is held by " + (*holder)->holder + " until " +
        state::formatTimestamp((*holder)->expires);
  co_return std::nullopt;
}

Awaitable<void> Daemon::releaseSurplus() {
  int surplus = replicas_->share().surplus(heldCount());
  for (auto& [name, slot] : slots_) {
    if (surplus <= 0 || stopping_) break;
    if (slot.running || !slot.env->lease) continue;  // between cycles only
    co_await releaseLease(*runtime_, *slot.env);
    --surplus;
    slot.nextRun = steady_clock::now() + retryDelay(slot.env->config);
    Event e;
    e.name = "lease.released";
    e.env = name;
    e.fields["reason"] = "sharing: more than this replica's share";
    e.fields["liveReplicas"] = replicas_->share().live;
    runtime_->events().publish(std::move(e));
  }
}

Awaitable<void> Daemon::replicaLoop() {
  asio::steady_timer timer(io_);
  while (!stopping_) {
    timer.expires_after(replicas_->period() / 3);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    int before = replicas_->share().live;
    auto beat = co_await replicas_->beat(heldCount());
    if (!beat) {
      Event e;
      e.name = "replica.heartbeat_failed";
      e.level = "warn";
      e.fields["error"] = replicas_->lastError();
      runtime_->events().publish(std::move(e));
      continue;
    }
    if (replicas_->share().live != before) {
      Event e;
      e.name = "replicas.changed";
      e.fields["liveReplicas"] = replicas_->share().live;
      e.fields["quota"] = replicas_->share().quota();
      runtime_->events().publish(std::move(e));
    }
    co_await releaseSurplus();
  }
}

std::string Daemon::replicaMetrics() const {
  std::string out =
      "# HELP driftless_lease_held 1 when this replica holds the environment's lease\n"
      "# TYPE driftless_lease_held gauge\n";
  for (const auto& [name, slot] : slots_)
    out += "driftless_lease_held{env=\"" + escapeLabel(name) + "\"} " +
           (slot.env->lease ? "1" : "0") + "\n";
  out +=
      "# HELP driftless_replicas_live Live replicas seen from their heartbeats, this one "
      "included\n# TYPE driftless_replicas_live gauge\ndriftless_replicas_live " +
      std::to_string(replicas_ ? replicas_->share().live : 1) +
      "\n# HELP driftless_state_store_reachable 1 when this replica's last heartbeat reached "
      "the state store within a lease period\n# TYPE driftless_state_store_reachable "
      "gauge\ndriftless_state_store_reachable " +
      (replicas_ && replicas_->healthy() ? "1" : "0") + "\n";
  return out;
}

Awaitable<void> Daemon::signals() {
  while (!stopping_) {
    boost::system::error_code ec;
    int sig = co_await signals_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    if (sig == SIGHUP) {
      Event e;
      e.name = "signal.received";
      e.fields["signal"] = "SIGHUP";
      runtime_->events().publish(std::move(e));
      trigger("", Trigger::Signal);
      continue;
    }
    Event e;
    e.name = "shutdown.started";
    e.fields["signal"] = sig == SIGINT ? "SIGINT" : "SIGTERM";
    runtime_->events().publish(std::move(e));
    co_await shutdown();
    co_return;
  }
}

Awaitable<void> Daemon::shutdown() {
  stopping_ = true;
  cancel_ = true;  // the executor starts no new action; started ones finish
  for (auto& [name, slot] : slots_)
    slot.env->stop = true;
  if (control_) control_->stop();
  if (http_) http_->stop();
  for (auto& [name, slot] : slots_)
    slot.wake->cancel();
  if (loops_ > 0) {
    drained_ = std::make_unique<asio::steady_timer>(io_);
    drained_->expires_after(options_.shutdownTimeout);
    boost::system::error_code ec;
    co_await drained_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (loops_ > 0) {
      Event e;
      e.name = "shutdown.timeout";
      e.level = "warn";
      e.fields["running"] = loops_;
      runtime_->events().publish(std::move(e));
    }
  }
  for (auto& [name, slot] : slots_)
    if (!slot.running) co_await releaseLease(*runtime_, *slot.env);
  if (replicas_) co_await replicas_->leave();
  Event e;
  e.name = "shutdown.finished";
  runtime_->events().publish(std::move(e));
  signals_->cancel();
  io_.stop();
}

Awaitable<Value> Daemon::statusOf(Slot& slot) {
  const auto& cfg = slot.env->config;
  Value v = Value::object();
  v["env"] = cfg.name;
  v["branch"] = cfg.branch;
  v["suspended"] = slot.suspended;
  v["running"] = slot.running;
  v["nextRun"] = slot.suspended ? std::string() : slot.nextRunWall;
  v["holdsLease"] = slot.env->lease.has_value();
  auto status = co_await runtime_->store().readStatus(cfg.name);
  if (status && *status) {
    const auto& s = **status;
    v["lastCommit"] = s.lastCommit;
    v["lastAppliedCommit"] = s.lastAppliedCommit;
    v["lastResult"] = s.lastResult;
    v["lastCycleId"] = s.lastCycleId;
    v["lastCycleEnd"] = s.lastCycleEnd;
    v["lastSuccess"] = s.lastSuccess;
    v["driftCount"] = s.driftCount;
    v["managedResources"] = s.managedResources;
    v["error"] = s.error;
    v["stateCorrupt"] = s.stateCorrupt;
  }
  // Live, not from status.json: the spool is this process's, and status.json
  // may itself be waiting in it.
  v["spoolDepth"] = static_cast<std::int64_t>(runtime_->store().spoolDepth());
  if (slot.standby) {
    v["lastResult"] = "standby";
    v["error"] = *slot.standby;
  } else if (slot.last) {
    v["lastResult"] = std::string(toString(slot.last->result));
    if (slot.last->result == CycleResult::Skipped) v["error"] = slot.last->error;
  }
  if (slot.stalled) {
    // No cycle is due: the branch is only fetched, every interval, to see it move.
    Value stall = Value::object();
    stall["commit"] = slot.stalled->commit;
    stall["error"] = slot.stalled->error;
    v["stalled"] = std::move(stall);
    v["error"] = stalledMessage(slot.stalled->commit, slot.stalled->error);
  }
  if (cfg.health) v["health"] = health_->statusOf(cfg.name);
  co_return v;
}

Awaitable<Value> Daemon::control(const Value& request) {
  std::string command = stringField(request, "command");
  std::string env = stringField(request, "env");
  if (!env.empty() && !slots_.count(env))
    co_return errorAnswer("unknown environment '" + env + "'");
  if (command == "resync") {
    if (!env.empty() && slots_.at(env).suspended)
      co_return errorAnswer("environment " + env + " is suspended; resume it first");
    auto woken = trigger(env, Trigger::Resync);
    Value v = okAnswer();
    v["triggered"] = Value::array();
    for (const auto& w : woken)
      v["triggered"].push(w);
    co_return v;
  }
  if (command == "status") {
    Value v = okAnswer();
    // What this replica holds (per environment: holdsLease).
    Value replica = Value::object();
    replica["id"] = runtime_->holderId();
    replica["holds"] = Value::array();
    for (auto& [name, slot] : slots_)
      if (slot.env->lease) replica["holds"].push(name);
    if (replicas_) {
      replica["liveReplicas"] = replicas_->share().live;
      replica["quota"] = replicas_->share().quota();
      replica["heartbeat"] = replicas_->healthy() ? std::string("ok") : replicas_->lastError();
    }
    v["replica"] = std::move(replica);
    v["environments"] = Value::array();
    const Value* outputs = request.find("outputs");
    bool withOutputs = outputs && outputs->isBool() && outputs->asBool();
    for (auto& [name, slot] : slots_) {
      if (!env.empty() && name != env) continue;
      Value status = co_await statusOf(slot);
      if (withOutputs) {
        auto st = co_await runtime_->store().readState(name);
        status["outputs"] = st && *st ? reconcile::outputsView(**st) : Value::array();
      }
      v["environments"].push(std::move(status));
    }
    co_return v;
  }
  if (command == "suspend" || command == "resume") {
    if (env.empty()) co_return errorAnswer(command + " needs an environment (--env NAME)");
    bool suspend = command == "suspend";
    auto saved = co_await runtime_->store().setSuspended(env, suspend);
    if (!saved) co_return errorAnswer("cannot persist " + command + ": " + saved.error().message);
    auto& slot = slots_.at(env);
    slot.suspended = suspend;
    Event e;
    e.name = suspend ? "environment.suspended" : "environment.resumed";
    e.env = env;
    runtime_->events().publish(std::move(e));
    if (!suspend) trigger(env, Trigger::Resume);
    co_return okAnswer();
  }
  if (command == "logs") {
    Value v = okAnswer();
    v["events"] = Value::array();
    for (const auto& e : recent_)
      if (env.empty() || e.env.empty() || e.env == env) v["events"].push(e.toValue());
    co_return v;
  }
  co_return errorAnswer("unknown command '" + command + "'");
}

HttpReply Daemon::http(const HttpRequest& request) {
  HttpReply reply;
  if (request.target == "/healthz") {
    reply.body = "ok\n";
    return reply;
  }
  if (request.target == "/readyz") {
    // Ready whatever it holds: its heartbeat reaches the state store, and every
    // environment ran a cycle or was found held by another replica.
    std::string missing;
    if (!replicas_ || !replicas_->healthy())
      missing += "heartbeat: " +
                 (replicas_ && !replicas_->lastError().empty() ? replicas_->lastError()
                                                               : std::string("not written yet")) +
                 "\n";
    for (const auto& [name, slot] : slots_) {
      if (slot.suspended) continue;
      if (!slot.settled) missing += name + ": no cycle completed yet\n";
    }
    reply.status = missing.empty() ? 200 : 503;
    int held = 0;
    for (const auto& [name, slot] : slots_)
      held += slot.env->lease ? 1 : 0;
    reply.body = missing.empty() ? "ready: holds " + std::to_string(held) + " of " +
                                       std::to_string(slots_.size()) + " environments\n"
                                 : missing;
    return reply;
  }
  if (request.target == "/metrics") {
    reply.contentType = "text/plain; version=0.0.4; charset=utf-8";
    reply.body = runtime_->metrics().render() + replicaMetrics();
    return reply;
  }
  if (request.target == "/webhook") {
    if (request.method != "POST") {
      reply.status = 405;
      reply.body = "POST only\n";
      return reply;
    }
    const char* secret = config_.controller.webhookSecretEnv.empty()
                             ? nullptr
                             : std::getenv(config_.controller.webhookSecretEnv.c_str());
    if (!secret || !*secret) {
      reply.status = 404;
      reply.body = "webhook disabled: controller.webhookSecretEnv is not set\n";
      return reply;
    }
    if (!verifyWebhookSignature(secret, request.body, request.header("x-hub-signature-256"))) {
      reply.status = 401;
      reply.body = "signature mismatch\n";
      Event e;
      e.name = "webhook.rejected";
      e.level = "warn";
      e.fields["reason"] = "X-Hub-Signature-256 does not match";
      runtime_->events().publish(std::move(e));
      return reply;
    }
    std::string kind = request.header("x-github-event");
    if (kind.empty()) kind = request.header("x-gitea-event");
    if (kind == "ping") {
      reply.body = "pong\n";
      return reply;
    }
    auto branch = pushedBranch(request.body);
    Value answer = Value::object();
    answer["triggered"] = Value::array();
    if (branch) {
      for (const auto& [name, slot] : slots_)
        if (slot.env->config.branch == *branch)
          for (const auto& w : trigger(name, Trigger::Webhook))
            answer["triggered"].push(w);
      Event e;
      e.name = "webhook.received";
      e.fields["branch"] = *branch;
      e.fields["triggered"] = answer["triggered"];
      runtime_->events().publish(std::move(e));
    }
    reply.status = 202;
    reply.contentType = "application/json";
    reply.body = answer.toJson() + "\n";
    return reply;
  }
  reply.status = 404;
  reply.body = "not found\n";
  return reply;
}

int Daemon::run(std::ostream& err) {
  auto rt = Runtime::create(io_, config_);
  if (!rt) {
    err << "driftless run: " << rt.error().message << "\n";
    return 1;
  }
  runtime_ = std::move(*rt);
  health_ = std::make_unique<HealthGate>(*runtime_);
  if (!config_.notifications.empty())
    notifier_ = std::make_unique<Notifier>(io_, runtime_->events(), runtime_->metrics(),
                                           config_.controller.id, config_.notifications);
  eventToken_ = runtime_->events().subscribe([this](const Event& e) {
    logEvent(e);
    recent_.push_back(e);
    if (recent_.size() > 500) recent_.pop_front();
  });

  // Signals first: a SIGTERM during start-up must not kill the process half-way.
  signals_ = std::make_unique<asio::signal_set>(io_, SIGTERM, SIGINT, SIGHUP);

  control_ = std::make_unique<ControlSocket>(
      io_, config_.controller.controlSocket.string(),
      [this](const Value& request) { return control(request); }, runtime_->events());
  if (auto started = control_->start(); !started) {
    err << "driftless run: " << started.error().message << "\n";
    return 1;
  }
  if (config_.controller.http) {
    if (config_.controller.http->ui)
      ui_ = std::make_unique<UiServer>(*runtime_,
                                       [this](const Value& request) { return control(request); });
    http_ = std::make_unique<HttpServer>(
        io_,
        [this](const HttpRequest& r) -> Awaitable<HttpReply> {
          if (ui_ && UiServer::handles(r)) co_return co_await ui_->handle(r);
          co_return http(r);
        },
        std::size_t{1} << 20);
    if (auto listening = http_->listen(config_.controller.http->listen); !listening) {
      err << "driftless run: " << listening.error().message << "\n";
      return 1;
    }
  }

  auto period = std::chrono::milliseconds(std::chrono::minutes(10));
  for (auto& [name, env] : runtime_->environments()) {
    Slot& slot = slots_[name];
    slot.env = env.get();
    slot.wake = std::make_unique<asio::steady_timer>(io_);
    slot.schedule = std::make_unique<RetrySchedule>(
        env->config.interval, retryDelay(env->config),
        [this] { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); });
    slot.nextRun = steady_clock::now();
    period = std::min(period, leaseTtl(env->config));
  }
  replicas_ = std::make_unique<Replicas>(runtime_->store(), runtime_->holderId(),
                                         static_cast<int>(slots_.size()), period);

  asio::co_spawn(
      io_,
      [this]() -> Awaitable<void> {
        // Suspension is persisted: read it before the first cycle.
        for (auto& [name, slot] : slots_) {
          auto suspended = co_await runtime_->store().isSuspended(name);
          if (suspended) slot.suspended = *suspended;
        }
        Event e;
        e.name = "controller.started";
        e.fields["controller"] = config_.controller.id;
        e.fields["environments"] = static_cast<std::int64_t>(slots_.size());
        e.fields["controlSocket"] = config_.controller.controlSocket.string();
        if (http_)
          e.fields["http"] = config_.controller.http->host + ":" + std::to_string(http_->port());
        runtime_->events().publish(std::move(e));
        // Announce this replica and see the others before taking any lease.
        auto beat = co_await replicas_->beat(0);
        if (!beat) {
          Event w;
          w.name = "replica.heartbeat_failed";
          w.level = "warn";
          w.fields["error"] = replicas_->lastError();
          runtime_->events().publish(std::move(w));
        }
        asio::co_spawn(io_, replicaLoop(), asio::detached);
        for (auto& [name, slot] : slots_) {
          asio::co_spawn(io_, environmentLoop(slot), asio::detached);
          asio::co_spawn(io_, leaseKeeper(slot), asio::detached);
          asio::co_spawn(io_, unmanagedScans(slot), asio::detached);
        }
        if (runtime_->eventsClient()) asio::co_spawn(io_, changeEvents(), asio::detached);
      },
      asio::detached);
  asio::co_spawn(io_, signals(), asio::detached);
  io_.run();
  return 0;
}

}  // namespace driftless::controller
