#pragma once
// Helpers shared by the state unit and integration tests.
#include <future>
#include <string>
#include <utility>

#include "providers/asio.h"
#include "state/records.h"
#include "state/state_types.h"

namespace driftless::state::testutil {

// Runs one coroutine to completion on `io` and returns its result.
template <typename T>
T run(asio::io_context& io, Awaitable<T> task) {
  auto future = asio::co_spawn(io, std::move(task), asio::use_future);
  io.restart();
  io.run();
  return future.get();
}

inline EnvironmentState sampleState(std::string env, std::string commit) {
  EnvironmentState st;
  st.environment = env;
  st.region = "eu-west-1";
  st.account = "123456789012";
  st.timestamp = "2026-11-22T10:15:00Z";
  st.commit = commit;
  AppliedResource q;
  q.type = "AWS::SQS::Queue";
  q.physicalId = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-" + env;
  q.properties["QueueName"] = "orders-" + env;
  q.properties["MessageRetentionPeriod"] = 345600;
  q.attributes["Arn"] = "arn:aws:sqs:eu-west-1:123456789012:orders-" + env;
  q.dependencies = {"queues/OrdersDLQ"};
  q.commit = commit;
  q.deletionPolicy = "Retain";
  st.stacks["queues"].resources["OrdersQueue"] = q;
  AppliedResource dlq;
  dlq.type = "AWS::SQS::Queue";
  dlq.physicalId = "orders-dlq-" + env;
  dlq.properties["QueueName"] = "orders-dlq-" + env;
  dlq.commit = commit;
  st.stacks["queues"].resources["OrdersDLQ"] = dlq;
  return st;
}

// A cycle record as the controller writes it.
inline CycleRecord sampleCycle(const std::string& env, TimePoint start, const std::string& commit,
                               int n, bool withDrift) {
  CycleRecord rec;
  rec.metadata.cycleId = makeCycleId(start, commit, n);
  rec.metadata.environment = env;
  rec.metadata.controllerId = "platform-test";
  rec.metadata.commit = commit;
  rec.metadata.trigger = "interval";
  rec.metadata.start = formatTimestamp(start);
  rec.metadata.end = formatTimestamp(start + std::chrono::seconds(2));
  rec.metadata.durationMs = 2000;
  rec.metadata.result = "succeeded";
  rec.metadata.counts.updated = 1;
  rec.plan["actions"] = Value::array();
  rec.plan["actions"].push(
      Value(Value::Object{{"id", "queues/OrdersQueue"}, {"action", "update"}}));
  rec.stateBefore = sampleState(env, "0000000");
  rec.stateAfter = sampleState(env, commit);
  rec.executionLog.push_back(
      Value(Value::Object{{"event", "resource.updated"}, {"id", "queues/OrdersQueue"}}));
  rec.executionLog.push_back(Value(Value::Object{{"event", "cycle.finished"}}));
  if (withDrift) {
    DriftEvent e;
    e.resource = "queues/OrdersQueue";
    e.type = "AWS::SQS::Queue";
    e.physicalId = "orders-" + env;
    e.path = "MessageRetentionPeriod";
    e.expected = Value(345600);
    e.live = Value(60);
    e.corrected = true;
    rec.drift.push_back(e);
    rec.metadata.counts.drifted = 1;
  }
  return rec;
}

inline TimePoint at(const char* rfc3339) {
  return *parseTimestamp(rfc3339);
}

}  // namespace driftless::state::testutil
