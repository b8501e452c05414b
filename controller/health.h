#pragma once
// Health gates (`environments.<env>.health`): after a cycle that changed
// resources, the environment's CloudWatch alarms are watched for `bakeTime`
// (like CloudFormation's rollback triggers). An alarm in ALARM fails the
// commit; with `onFailure: rollback` the last commit that passed its bake is
// applied again as a cycle with trigger `rollback`, and the bad commit is held
// back (cycles apply the last good commit instead) until the branch moves past
// it. The record lives in status.json under `health`, so it survives restarts
// and `driftless status` shows it. The daemon calls beforeCycle/afterCycle
// around each cycle of the environment's loop: a bake keeps that loop (and
// only that environment) busy, and triggers arriving meanwhile are coalesced
// into one follow-up cycle as usual.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "controller/cycle.h"
#include "controller/runtime.h"

namespace driftless::controller {

struct HealthRecord {
  std::string state;                // "" (never baked) | baking | healthy | failed | rolled-back
  std::string commit;               // the commit `state` is about
  std::string since;                // RFC 3339: when `state` was entered
  std::string bakeUntil;            // RFC 3339, while baking
  std::string lastGood;             // the last commit that passed its bake
  std::string badCommit;            // held back until the branch moves past it
  std::vector<std::string> alarms;  // the alarms found in ALARM when it failed
  Value toValue() const;
  static HealthRecord fromValue(const Value& v);
};

// The alarms of `health` in state ALARM (DescribeAlarms, paginated).
Awaitable<Result<std::vector<std::string>>> alarmsInAlarm(aws::Client& client,
                                                          const config::HealthConfig& health);

class HealthGate {
 public:
  explicit HealthGate(Runtime& runtime) : runtime_(runtime) {}

  // While a bad commit is held back and the branch still points at it, the
  // cycle applies the last good commit instead (request.revision).
  Awaitable<void> beforeCycle(EnvironmentRuntime& env, CycleRequest& request);
  // Bakes after a cycle that changed resources; fails and rolls back on an alarm.
  Awaitable<void> afterCycle(EnvironmentRuntime& env, const CycleReport& report,
                             const CycleRequest& request);
  // For status: the record as JSON (null when the environment has no gate).
  Value statusOf(const std::string& env) const;

 private:
  Awaitable<void> load(const std::string& env);
  Awaitable<void> save(const std::string& env);
  // nullopt: cancelled (shutdown). Else the alarms found in ALARM (empty: healthy).
  Awaitable<std::optional<std::vector<std::string>>> bake(EnvironmentRuntime& env,
                                                          const CycleRequest& request);
  Awaitable<void> rollback(EnvironmentRuntime& env, const CycleRequest& request);
  void publish(const EnvironmentRuntime& env, const std::string& name, const std::string& level,
               Value fields);

  Runtime& runtime_;
  std::map<std::string, HealthRecord> records_;
  std::map<std::string, bool> loaded_;
};

}  // namespace driftless::controller
