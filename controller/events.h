#pragma once
// The reconcile log of SPEC §6: typed events, rendered as JSON lines or readable
// lines, fanned out to the log and to `driftless logs --follow` subscribers.
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "providers/value.h"

namespace driftless::controller {

struct Event {
  std::string name;  // cycle.started, source.fetched, plan.computed, resource.created, ...
  std::string time;  // RFC 3339 UTC, filled by EventBus::publish when empty
  std::string env;
  std::string cycle;
  std::string commit;
  // Resource events only.
  std::string id;  // stack/LogicalId
  std::string type;
  std::string physicalId;
  std::string level = "info";  // info | warn | error
  // Anything else worth a field (result, counts, error, changed paths). Never secrets.
  Value fields = Value::object();

  Value toValue() const;
  std::string toJson() const;  // one line, no trailing newline
  // One readable line: "dev resource.created orders/OrdersQueue (AWS::SQS::Queue orders-dev)".
  std::string toText() const;
  static Event fromValue(const Value& v);
};

// Publishes events to every subscriber, synchronously, in publish order.
// Thread-safe; subscribers must not block (they enqueue).
class EventBus {
 public:
  using Sink = std::function<void(const Event&)>;
  int subscribe(Sink sink);
  void unsubscribe(int token);
  void publish(Event event);

 private:
  std::mutex mu_;
  int next_ = 1;
  std::map<int, Sink> sinks_;
};

// RFC 3339 UTC timestamp of now, second precision ("2026-11-22T10:15:00Z").
std::string nowRfc3339();

}  // namespace driftless::controller
