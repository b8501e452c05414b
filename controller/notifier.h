#pragma once
// Notifications (`notifications:` in the config): events of the reconcile log
// turned into messages for SNS topics and HTTP webhooks. Collected per
// environment and cycle, so a burst is ONE message per kind per environment
// per cycle; sent asynchronously on the io_context with retries and
// exponential backoff, so a slow or dead receiver never delays a cycle.
// What could not be delivered is logged (notification.undelivered) and counted
// in driftless_notifications_undelivered_total. Payloads carry the event
// fields only (the reconcile log holds no secret); webhook URLs and signing
// secrets come from environment variables and appear nowhere.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "controller/config.h"
#include "controller/events.h"
#include "controller/metrics.h"
#include "providers/asio.h"

namespace driftless::aws {
class HttpTransport;
class Client;
}  // namespace driftless::aws

namespace driftless::controller {

struct NotifierOptions {
  int attempts = 6;                             // first try + 5 retries
  std::chrono::milliseconds backoff{1000};      // doubled after each failure
  std::chrono::milliseconds maxBackoff{60000};  // cap
  std::chrono::milliseconds timeout{10000};     // per attempt
  std::size_t maxResourcesListed = 10;          // in the summary text
};

// One message: the kinds of SPEC's notification list.
struct Notification {
  std::string kind;  // drift.detected, cycle.failed, cycle.recovered, conflict, prune.refused,
                     // health.failed, rollback.applied
  std::string env;
  std::string cycle;
  std::string commit;
  std::string time;
  std::vector<std::string> resources;  // ids concerned (drift, conflict)
  std::string detail;                  // error, refusal, alarm names
  Value toPayload(const std::string& controller, const std::string& target,
                  std::size_t maxListed) const;
  std::string summary(std::size_t maxListed) const;  // one line, Slack "text"
};

class Notifier {
 public:
  Notifier(asio::io_context& io, EventBus& bus, Metrics& metrics, std::string controllerId,
           std::vector<config::NotificationConfig> targets, NotifierOptions options = {});
  ~Notifier();

  // Messages delivered / given up, per target name (for tests and status).
  std::map<std::string, std::uint64_t> delivered() const;
  std::map<std::string, std::uint64_t> undelivered() const;

 private:
  struct Target;
  struct Pending {
    std::map<std::string, Notification> byKind;
  };
  void collect(const Event& e);
  void add(const std::string& kind, const Event& e, const std::string& detail = "");
  void flush(const std::string& env);
  void dispatch(const Notification& n);
  Awaitable<void> deliver(std::shared_ptr<Target> target, Notification n);
  Awaitable<Result<void>> sendOnce(Target& target, const std::string& body, const Notification& n);

  asio::io_context& io_;
  EventBus& bus_;
  Metrics& metrics_;
  std::string controllerId_;
  NotifierOptions options_;
  std::unique_ptr<aws::HttpTransport> transport_;
  std::vector<std::shared_ptr<Target>> targets_;
  std::map<std::string, Pending> pending_;         // env -> this cycle's messages
  std::map<std::string, std::string> lastResult_;  // env -> last cycle result
  int token_ = 0;
  std::shared_ptr<bool> alive_;
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t> delivered_, undelivered_;
};

}  // namespace driftless::controller
