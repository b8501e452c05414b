#include "controller/events.h"

#include <gtest/gtest.h>

namespace driftless::controller {
namespace {

Event sample() {
  Event e;
  e.name = "resource.created";
  e.time = "2026-11-22T10:15:00Z";
  e.env = "dev";
  e.cycle = "20261122T101500Z-abcdef1-1";
  e.commit = "abcdef1234567890";
  e.id = "orders/OrdersQueue";
  e.type = "AWS::SQS::Queue";
  e.physicalId = "orders-dev";
  e.fields["durationMs"] = 12;
  return e;
}

TEST(Events, JsonLineCarriesEverySpecField) {
  auto v = Value::fromJson(sample().toJson());
  ASSERT_TRUE(v);
  for (const char* key : {"event", "env", "cycle", "commit", "id", "type", "physicalId", "time"})
    EXPECT_NE(v->find(key), nullptr) << key;
  EXPECT_EQ(v->find("event")->asString(), "resource.created");
  Event back = Event::fromValue(*v);
  EXPECT_EQ(back.toJson(), sample().toJson());
}

TEST(Events, TextLineIsReadable) {
  EXPECT_EQ(sample().toText(),
            "2026-11-22T10:15:00Z dev resource.created orders/OrdersQueue (AWS::SQS::Queue "
            "orders-dev) durationMs=12 commit=abcdef123456 cycle=20261122T101500Z-abcdef1-1");
}

TEST(Events, BusDeliversToSubscribersUntilUnsubscribed) {
  EventBus bus;
  std::vector<std::string> seen;
  int token = bus.subscribe([&](const Event& e) { seen.push_back(e.name); });
  bus.publish(sample());
  bus.unsubscribe(token);
  bus.publish(sample());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "resource.created");
}

}  // namespace
}  // namespace driftless::controller
