#pragma once
// `driftless run`: one io_context for timers, signals, the control socket,
// HTTP and every AWS call. Per environment a scheduler loop: interval ± 10 %
// jitter after a success; after a failure what the kind of its error says
// (controller/schedule.h: stalled on an Invalid commit until the branch moves
// or a resync, retryAfter for Waiting, exponential backoff from retryInterval
// up to interval otherwise); cycles of different
// environments run concurrently, one at a time per environment; triggers that
// arrive while a cycle runs are coalesced into one follow-up cycle.
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "controller/config.h"
#include "controller/control_socket.h"
#include "controller/cycle.h"
#include "controller/health.h"
#include "controller/http_server.h"
#include "controller/notifier.h"
#include "controller/replicas.h"
#include "controller/runtime.h"
#include "controller/ui_server.h"

namespace driftless::controller {

struct DaemonOptions {
  // Started actions may finish within this after SIGTERM; then the process exits anyway.
  std::chrono::milliseconds shutdownTimeout{std::chrono::seconds(60)};
};

class Daemon {
 public:
  Daemon(config::ControllerConfig config, DaemonOptions options = {});
  ~Daemon();

  // Runs until SIGTERM/SIGINT. Returns the exit code (0 clean stop, 1 fatal start-up error,
  // with the reason on `err`).
  int run(std::ostream& err);

 private:
  struct Slot {
    EnvironmentRuntime* env = nullptr;
    std::unique_ptr<asio::steady_timer> wake;
    std::chrono::steady_clock::time_point nextRun;
    std::string nextRunWall;  // RFC 3339, for status
    bool triggered = false;
    Trigger trigger = Trigger::Startup;
    bool running = false;
    bool suspended = false;
    bool completedOnce = false;
    bool cycledOnce = false;             // its first cycle ended, whatever the result
    bool settled = false;                // a cycle completed, or it was found held elsewhere
    bool tryingAcquire = false;          // passed the share check without the lease: it may take it
    std::optional<CycleOutcome> last;    // of the last cycle it ran
    std::optional<std::string> standby;  // why this replica does not run it now
    std::unique_ptr<RetrySchedule> schedule;
    // The Invalid outcome it is stalled on: no cycle until the branch moves past
    // that commit (a fetch every interval looks) or a resync is asked for.
    std::optional<CycleOutcome> stalled;
    // Change events waiting for this environment's next cycle (daemon_events.cpp).
    std::set<ResourceId> eventTargets;
    std::map<ResourceId, Value> eventCauses;
    std::vector<std::string> eventReceipts;  // messages to delete once that cycle is recorded
  };

  Awaitable<void> environmentLoop(Slot& slot);
  // Not holding the lease and not to take it now: a standby (looks again after retryInterval).
  Awaitable<bool> becameStandby(Slot& slot);
  // A stalled environment: fetches the branch only; true when it moved past the
  // stalled commit (the stall is over), else schedules the next look.
  Awaitable<bool> branchMoved(Slot& slot);
  Awaitable<void> runScheduledCycle(Slot& slot);
  Awaitable<void> leaseKeeper(Slot& slot);
  // controller.events: long-polls the queue, maps each event to the managed
  // resources it changes, and wakes their environments for a targeted cycle.
  Awaitable<void> changeEvents();
  // Every unmanagedScanInterval: the leaked resources of the slot's environment,
  // as driftless_unmanaged_resources (daemon_events.cpp).
  Awaitable<void> unmanagedScans(Slot& slot);
  void routeChangeEvent(const std::string& body, const std::string& receipt,
                        std::vector<std::string>& unused, std::set<std::string>& wake);
  // Moves the slot's pending events into `request`; returns their receipts.
  std::vector<std::string> takeChangeEvents(Slot& slot, CycleRequest& request);
  // Deletes the messages whose environments have all recorded a cycle since.
  Awaitable<void> settleChangeEvents(std::vector<std::string> receipts);
  Awaitable<void> deleteMessages(std::vector<std::string> receipts);
  // Replicas (operations.md, "Running several replicas"): heartbeats, and
  // leases given back between cycles when this replica holds more than its share.
  Awaitable<void> replicaLoop();
  Awaitable<void> releaseSurplus();
  // Why `slot` (not holding its lease) does not run a cycle now; nullopt: try to take it.
  Awaitable<std::optional<std::string>> standbyReason(Slot& slot);
  Awaitable<std::optional<std::string>> leaseTakenElsewhere(Slot& slot);
  int heldCount() const;
  std::string replicaMetrics() const;
  Awaitable<void> signals();
  Awaitable<void> shutdown();
  // Wakes `env` ("" = all). Returns the environments woken (suspended ones are not).
  std::vector<std::string> trigger(const std::string& env, Trigger reason);
  std::chrono::milliseconds retryDelay(const config::EnvironmentConfig& env) const;

  Awaitable<Value> control(const Value& request);
  Awaitable<Value> statusOf(Slot& slot);
  HttpReply http(const HttpRequest& request);

  config::ControllerConfig config_;
  DaemonOptions options_;
  asio::io_context io_;
  std::unique_ptr<Runtime> runtime_;
  std::unique_ptr<Replicas> replicas_;
  std::map<std::string, Slot> slots_;
  std::unique_ptr<ControlSocket> control_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<UiServer> ui_;        // /ui/ and /api/v1/ (controller.http.ui)
  std::unique_ptr<Notifier> notifier_;  // `notifications:`
  std::unique_ptr<HealthGate> health_;  // environments.<env>.health
  std::unique_ptr<asio::signal_set> signals_;
  std::unique_ptr<asio::steady_timer> drained_;
  std::atomic<bool> cancel_{false};
  bool stopping_ = false;
  int loops_ = 0;
  std::mt19937_64 rng_{std::random_device{}()};
  std::deque<Event> recent_;                  // for `driftless logs` without --follow
  std::map<std::string, int> messageOwners_;  // receipt -> environments still to cycle
  // Cancelled when an environment's first cycle ends: the events consumer starts
  // once every environment's first cycle has indexed its resources.
  std::unique_ptr<asio::steady_timer> firstCycles_;
  int eventToken_ = 0;
};

}  // namespace driftless::controller
