#include "controller/events.h"

#include <chrono>
#include <ctime>
#include <vector>

namespace driftless::controller {

std::string nowRfc3339() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Value Event::toValue() const {
  Value v = fields.isObject() ? fields : Value::object();
  v["event"] = name;
  v["time"] = time;
  v["level"] = level;
  if (!env.empty()) v["env"] = env;
  if (!cycle.empty()) v["cycle"] = cycle;
  if (!commit.empty()) v["commit"] = commit;
  if (!id.empty()) v["id"] = id;
  if (!type.empty()) v["type"] = type;
  if (!physicalId.empty()) v["physicalId"] = physicalId;
  return v;
}

std::string Event::toJson() const {
  return toValue().toJson();
}

Event Event::fromValue(const Value& v) {
  Event e;
  auto str = [&](const char* key) {
    const Value* f = v.find(key);
    return f && f->isString() ? f->asString() : std::string();
  };
  e.name = str("event");
  e.time = str("time");
  e.level = str("level");
  if (e.level.empty()) e.level = "info";
  e.env = str("env");
  e.cycle = str("cycle");
  e.commit = str("commit");
  e.id = str("id");
  e.type = str("type");
  e.physicalId = str("physicalId");
  e.fields = Value::object();
  if (v.isObject())
    for (const auto& [k, f] : v.asObject())
      if (k != "event" && k != "time" && k != "level" && k != "env" && k != "cycle" &&
          k != "commit" && k != "id" && k != "type" && k != "physicalId")
        e.fields[k] = f;
  return e;
}

std::string Event::toText() const {
  std::string line = time.empty() ? std::string() : time + " ";
  if (!env.empty()) line += env + " ";
  line += name;
  if (!id.empty()) line += " " + id;
  if (!type.empty() || !physicalId.empty()) {
    line += " (" + type;
    if (!physicalId.empty()) line += (type.empty() ? "" : " ") + physicalId;
    line += ")";
  }
  if (fields.isObject())
    for (const auto& [k, f] : fields.asObject())
      line += " " + k + "=" + (f.isString() ? f.asString() : f.toJson());
  if (!commit.empty()) line += " commit=" + commit.substr(0, 12);
  if (!cycle.empty()) line += " cycle=" + cycle;
  return line;
}

int EventBus::subscribe(Sink sink) {
  std::lock_guard lock(mu_);
  int token = next_++;
  sinks_[token] = std::move(sink);
  return token;
}

void EventBus::unsubscribe(int token) {
  std::lock_guard lock(mu_);
  sinks_.erase(token);
}

void EventBus::publish(Event event) {
  if (event.time.empty()) event.time = nowRfc3339();
  std::vector<Sink> sinks;
  {
    std::lock_guard lock(mu_);
    for (const auto& [t, s] : sinks_)
      sinks.push_back(s);
  }
  for (const auto& s : sinks)
    s(event);
}

}  // namespace driftless::controller
