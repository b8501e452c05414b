#include "controller/health.h"

#include <algorithm>

#include "providers/aws/client.h"

namespace driftless::controller {

using std::chrono::milliseconds;

namespace {

std::string text(const Value& v, const char* key) {
  const Value* f = v.find(key);
  return f && f->isString() ? f->asString() : std::string();
}

std::string shortCommit(const std::string& c) {
  return c.substr(0, 7);
}

}  // namespace

Value HealthRecord::toValue() const {
  Value v = Value::object();
  v["state"] = state;
  v["commit"] = commit;
  v["since"] = since;
  v["bakeUntil"] = bakeUntil;
  v["lastGood"] = lastGood;
  v["badCommit"] = badCommit;
  v["alarms"] = Value::array();
  for (const auto& a : alarms)
    v["alarms"].push(a);
  return v;
}

HealthRecord HealthRecord::fromValue(const Value& v) {
  HealthRecord r;
  if (!v.isObject()) return r;
  r.state = text(v, "state");
  r.commit = text(v, "commit");
  r.since = text(v, "since");
  r.bakeUntil = text(v, "bakeUntil");
  r.lastGood = text(v, "lastGood");
  r.badCommit = text(v, "badCommit");
  if (const Value* a = v.find("alarms"); a && a->isArray())
    for (const auto& name : a->asArray())
      if (name.isString()) r.alarms.push_back(name.asString());
  return r;
}

Awaitable<Result<std::vector<std::string>>> alarmsInAlarm(aws::Client& client,
                                                          const config::HealthConfig& health) {
  std::vector<std::string> firing;
  std::string next;
  do {
    aws::Params params;
    params.emplace_back("StateValue", "ALARM");
    if (!health.alarmPrefix.empty()) params.emplace_back("AlarmNamePrefix", health.alarmPrefix);
    for (std::size_t i = 0; i < health.alarms.size(); ++i)
      params.emplace_back("AlarmNames.member." + std::to_string(i + 1), health.alarms[i]);
    params.emplace_back("AlarmTypes.member.1", "MetricAlarm");
    params.emplace_back("AlarmTypes.member.2", "CompositeAlarm");
    if (!next.empty()) params.emplace_back("NextToken", next);
    auto r = co_await client.query("monitoring", "DescribeAlarms", std::move(params));
    if (!r) co_return fail(r.error().kind, "cloudwatch:DescribeAlarms: " + r.error().message);
    static constexpr const char* kLists[] = {"MetricAlarms", "CompositeAlarms"};
    for (const char* list : kLists)
      for (auto m : r->result.child(list).children("member"))
        if (std::string(m.child("StateValue").child_value()) == "ALARM")
          firing.push_back(m.child("AlarmName").child_value());
    next = r->result.child("NextToken").child_value();
  } while (!next.empty());
  std::sort(firing.begin(), firing.end());
  co_return firing;
}

Awaitable<void> HealthGate::load(const std::string& env) {
  if (loaded_[env]) co_return;
  auto status = co_await runtime_.store().readStatus(env);
  if (!status) co_return;  // try again next cycle
  loaded_[env] = true;
  if (*status)
    if (const Value* h = (*status)->extra.find("health"))
      records_[env] = HealthRecord::fromValue(*h);
}

Awaitable<void> HealthGate::save(const std::string& env) {
  // Called from the environment's loop between cycles: nothing else writes
  // status.json of this environment meanwhile.
  auto status = co_await runtime_.store().readStatus(env);
  state::StatusRecord s;
  if (status && *status) s = **status;
  s.environment = env;
  if (!s.extra.isObject()) s.extra = Value::object();
  s.extra["health"] = records_[env].toValue();
  auto wrote = co_await runtime_.store().writeStatus(env, s);
  if (!wrote) {
    Event e;
    e.name = "record.failed";
    e.env = env;
    e.level = "error";
    e.fields["error"] = "writing the health record to status.json: " + wrote.error().message;
    runtime_.events().publish(std::move(e));
  }
}

void HealthGate::publish(const EnvironmentRuntime& env, const std::string& name,
                         const std::string& level, Value fields) {
  const auto& rec = records_[env.config.name];
  Event e;
  e.name = name;
  e.env = env.config.name;
  e.commit = rec.commit;
  e.level = level;
  e.fields = std::move(fields);
  e.fields["state"] = rec.state;
  runtime_.events().publish(std::move(e));
}

Value HealthGate::statusOf(const std::string& env) const {
  auto it = records_.find(env);
  return it == records_.end() ? Value() : it->second.toValue();
}

Awaitable<void> HealthGate::beforeCycle(EnvironmentRuntime& env, CycleRequest& request) {
  if (!env.config.health) co_return;
  const std::string name = env.config.name;
  co_await load(name);
  auto& rec = records_[name];
  if (rec.badCommit.empty() || request.revision || rec.lastGood.empty()) co_return;
  auto repo = env.repository;
  std::string branch = env.config.branch;
  auto work = [repo, branch]() -> Result<std::string> {
    auto f = repo->fetch({branch}, false);
    if (!f) return std::unexpected(f.error());
    auto head = f->heads.find(branch);
    if (head == f->heads.end()) return fail(ErrorKind::NotFound, "branch " + branch);
    return head->second;
  };
  auto head = co_await offload(runtime_.blocking(), work);
  if (!head) co_return;  // the cycle's own fetch reports it
  if (*head == rec.badCommit) {
    request.revision = rec.lastGood;  // hold the bad commit back
    co_return;
  }
  Value fields = Value::object();
  fields["heldBack"] = rec.badCommit;
  fields["branchHead"] = *head;
  rec.badCommit.clear();
  co_await save(name);
  publish(env, "health.released", "info", std::move(fields));
}

Awaitable<std::optional<std::vector<std::string>>> HealthGate::bake(EnvironmentRuntime& env,
                                                                    const CycleRequest& request) {
  const auto& health = *env.config.health;
  auto until = std::chrono::steady_clock::now() + health.bakeTime;
  auto poll = std::clamp<milliseconds>(health.bakeTime / 5, milliseconds(200), milliseconds(10000));
  asio::steady_timer timer(runtime_.io());
  for (;;) {
    if (request.cancel && request.cancel->load()) co_return std::nullopt;
    auto firing = co_await alarmsInAlarm(*env.aws, health);
    if (firing && !firing->empty()) co_return *firing;
    if (!firing) {
      Value fields = Value::object();
      fields["error"] = firing.error().message;
      publish(env, "health.check-failed", "warn", std::move(fields));
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= until) co_return std::vector<std::string>{};
    timer.expires_after(std::min<std::chrono::steady_clock::duration>(poll, until - now));
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

Awaitable<void> HealthGate::afterCycle(EnvironmentRuntime& env, const CycleReport& report,
                                       const CycleRequest& request) {
  if (!env.config.health || request.trigger == Trigger::Rollback) co_return;
  const std::string name = env.config.name;
  co_await load(name);
  auto& rec = records_[name];
  if (report.outcome.result != CycleResult::Succeeded || report.commit.empty()) co_return;
  bool changed = report.counts.total() > 0;
  // A bake cut short by a restart is done again.
  bool unfinished = rec.state == "baking" && rec.commit == report.commit;
  if ((!changed && !unfinished) || report.commit == rec.lastGood ||
      report.commit == rec.badCommit) {
    // A commit applied before the gate existed counts as good.
    if (rec.lastGood.empty() && rec.state.empty()) {
      rec.state = "healthy";
      rec.commit = rec.lastGood = report.commit;
      rec.since = nowRfc3339();
      co_await save(name);
      Value fields = Value::object();
      fields["baked"] = false;
      publish(env, "health.passed", "info", std::move(fields));
    }
    co_return;
  }
  rec.state = "baking";
  rec.commit = report.commit;
  rec.since = nowRfc3339();
  rec.bakeUntil = state::formatTimestamp(state::Clock::now() + env.config.health->bakeTime);
  rec.alarms.clear();
  co_await save(name);
  publish(env, "health.baking", "info", Value::object());
  auto firing = co_await bake(env, request);
  if (!firing) co_return;  // shutting down: the record says baking; the next start bakes again
  rec.since = nowRfc3339();
  rec.bakeUntil.clear();
  if (firing->empty()) {
    rec.state = "healthy";
    rec.lastGood = report.commit;
    co_await save(name);
    publish(env, "health.passed", "info", Value::object());
    co_return;
  }
  co_await rollback(env, request);
}

Awaitable<void> HealthGate::rollback(EnvironmentRuntime& env, const CycleRequest& request) {
  const std::string name = env.config.name;
  auto& rec = records_[name];
  const auto& health = *env.config.health;
  // The alarms were read by bake(); read them again for the record.
  auto firing = co_await alarmsInAlarm(*env.aws, health);
  if (firing) rec.alarms = *firing;
  rec.state = "failed";
  bool canRollBack = health.rollback && !rec.lastGood.empty();
  if (canRollBack) rec.badCommit = rec.commit;
  co_await save(name);
  Value fields = Value::object();
  std::string list;
  for (const auto& a : rec.alarms)
    list += (list.empty() ? "" : ", ") + a;
  fields["alarms"] = Value::array();
  for (const auto& a : rec.alarms)
    fields["alarms"].push(a);
  fields["detail"] =
      "alarm(s) in ALARM during the bake of " + shortCommit(rec.commit) + ": " + list;
  fields["onFailure"] = health.rollback ? "rollback" : "notify";
  publish(env, "health.failed", "error", std::move(fields));
  if (!canRollBack) co_return;

  CycleRequest back = request;
  back.trigger = Trigger::Rollback;
  back.schedule = nullptr;  // the environment's schedule follows the cycle that baked
  back.revision = rec.lastGood;
  CycleReport done = co_await runCycle(runtime_, env, back);
  Value out = Value::object();
  out["from"] = rec.badCommit;
  out["to"] = rec.lastGood;
  out["cycle"] = done.cycleId;
  out["result"] = std::string(toString(done.outcome.result));
  if (done.outcome.result != CycleResult::Succeeded) {
    out["error"] = done.outcome.error;
    publish(env, "rollback.failed", "error", std::move(out));
    co_return;
  }
  rec.state = "rolled-back";
  rec.since = nowRfc3339();
  co_await save(name);
  out["detail"] = "rolled back from " + shortCommit(rec.badCommit) + " to " +
                  shortCommit(rec.lastGood) + "; " + shortCommit(rec.badCommit) +
                  " is held back until the branch moves";
  publish(env, "rollback.applied", "warn", std::move(out));
}

}  // namespace driftless::controller
