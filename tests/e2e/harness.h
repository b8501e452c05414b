#pragma once
// End-to-end harness: the built `driftless` binary against the shared moto
// server and a manifest repository served by `git daemon` on loopback. Tests
// wait on what a user sees (log events, CLI output), never on fixed sleeps.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "providers/value.h"
#include "tests/support/git_peer.h"
#include "tests/support/peer.h"

namespace driftless::e2e {

struct EnvOptions {
  std::string name;
  bool prune = true;
  bool selfHeal = true;
  std::string interval = "1h";  // long: tests trigger cycles themselves
  std::string retryInterval = "1h";
  std::string fullScanInterval;  // "" = the default (interval)
};

struct ConfigOptions {
  std::vector<EnvOptions> environments{{"dev", true, true}, {"prod", false, false}};
  bool s3State = true;
  std::string dataDirName = "data";
  std::string socketName = "control.sock";
  bool http = true;
  std::string endpointUrl;       // the environments' AWS endpoint; empty = the shared moto
  std::string stateEndpointUrl;  // the state bucket's endpoint; empty = the shared moto
  std::string eventsQueueUrl;    // controller.events.queueUrl (on the shared moto); "" = none
};

// One daemon process and its log, read as JSON events.
class Daemon {
 public:
  Daemon(const std::string& config, const std::string& logFile, testing::EnvVars env);
  testing::Process& process() { return *process_; }
  // The first event not returned before that matches `pred`, within timeoutMs.
  // nullopt (with the log in the failure message) if none came or the daemon died.
  std::optional<Value> waitFor(const std::function<bool(const Value&)>& pred,
                               int timeoutMs = 60000);
  // True when no event matching `pred` is logged within forMs (events logged
  // before the call do not count); false as soon as one is, or the daemon died.
  bool noneWithin(const std::function<bool(const Value&)>& pred, int forMs);
  // Every event logged so far.
  std::vector<Value> events() const;
  std::string log() const { return process_->log(); }

 private:
  std::unique_ptr<testing::Process> process_;
  std::vector<bool> consumed_;  // events already returned by waitFor
};

// An event's field as text ("" when absent; numbers and booleans as JSON).
std::string eventField(const Value& event, const char* key);

// A predicate on an event's name and fields: match("cycle.finished", {{"env","dev"}}).
std::function<bool(const Value&)> match(
    const std::string& event, std::vector<std::pair<std::string, std::string>> fields = {});

class Scenario {
 public:
  explicit Scenario(ConfigOptions options = {});
  ~Scenario();

  const std::string& prefix() const { return prefix_; }
  std::string queueName(const std::string& logical, const std::string& env) const {
    return prefix_ + "-" + logical + "-" + env;
  }
  // Pushes manifests/<file> (and removes `remove`) on env/<env>; returns the commit.
  std::string push(const std::string& env, std::map<std::string, std::string> files,
                   std::vector<std::string> remove = {});
  // An SQS queue manifest `file` with one queue per logical id.
  std::string queues(const std::vector<std::string>& logicalIds, int visibility = 30,
                     bool retain = false) const;

  std::string writeConfig(const ConfigOptions& options, const std::string& name) const;
  const std::string& config() const { return config_; }
  std::unique_ptr<Daemon> start(const std::string& config = "", const std::string& name = "d");
  // Runs the CLI; returns stdout+stderr, sets *exitCode.
  std::string cli(std::vector<std::string> args, int* exitCode = nullptr) const;
  testing::EnvVars env() const;
  int httpPort() const { return httpPort_; }
  std::string bucket() const { return prefix_ + "-history"; }
  // boto3 snippet result (stripped).
  std::string python(const std::string& code) const;
  std::string queueAttribute(const std::string& queue, const std::string& attribute) const;
  int countQueues(const std::string& namePrefix) const;

  testing::TempDir dir;

 private:
  ConfigOptions options_;
  std::string prefix_;
  std::unique_ptr<testing::GitDaemon> git_;
  std::unique_ptr<testing::GitRemote> remote_;
  std::string config_;
  int httpPort_ = 0;
};

inline constexpr const char* kWebhookSecret = "e2e-webhook-secret";

}  // namespace driftless::e2e
