#include "providers/sqs/queue.h"

#include <gtest/gtest.h>

namespace driftless::sqs {
namespace {

TEST(Queue, RecentlyDeletedNameIsAWaitOfSixtySeconds) {
  Error e = Error::make(ErrorKind::Invalid, "You must wait 60 seconds after deleting a queue");
  e.code = "QueueDeletedRecently";
  Error out = createQueueError(e, "orders");
  EXPECT_EQ(out.kind, ErrorKind::Waiting);
  ASSERT_TRUE(out.retryAfter.has_value());
  EXPECT_EQ(*out.retryAfter, std::chrono::seconds(60));
  EXPECT_NE(out.message.find("orders"), std::string::npos);
  EXPECT_TRUE(out.retryable());
}

TEST(Queue, OtherCreateErrorsAreKeptAsTheyAre) {
  Error e = Error::make(ErrorKind::Invalid, "bad attribute");
  e.code = "InvalidAttributeValue";
  Error out = createQueueError(e, "orders");
  EXPECT_EQ(out.kind, ErrorKind::Invalid);
  EXPECT_EQ(out.message, "bad attribute");
}

}  // namespace
}  // namespace driftless::sqs
