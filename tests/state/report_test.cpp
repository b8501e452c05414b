#include "state/report.h"

#include <gtest/gtest.h>

#include "tests/state/store_test_util.h"

namespace driftless::state {
namespace {

using testutil::at;

TEST(HistoryReport, OneLineACycleNewestFirst) {
  auto a = testutil::sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1234567890", 2, true);
  auto b = testutil::sampleCycle("dev", at("2026-11-22T10:00:00Z"), "1234567abc", 1, false);
  b.metadata.result = "failed";
  b.metadata.durationMs = 125'000;
  b.metadata.trigger = "webhook";
  std::string text = formatHistoryText("dev", {a.metadata, b.metadata});
  EXPECT_EQ(text,
            "CYCLE                       COMMIT        TRIGGER   RESULT     CREATED  UPDATED  "
            "REPLACED  DELETED  FAILED  DRIFTED  DURATION\n"
            "20261122T101500Z-abcdef1-2  abcdef123456  interval  succeeded  0        1        "
            "0         0        0       1        2.0s\n"
            "20261122T100000Z-1234567-1  1234567abc    webhook   failed     0        1        "
            "0         0        0       0        2m05s\n");
  EXPECT_EQ(formatHistoryText("dev", {}), "No cycles recorded for environment dev.\n");
  Value json = historyToValue("dev", {a.metadata});
  EXPECT_EQ(*json.findPath("cycles.0.cycleId"), Value("20261122T101500Z-abcdef1-2"));
  EXPECT_EQ(*json.findPath("cycles.0.counts.drifted"), Value(1));
}

TEST(DriftReport, MasksSecretsInTextAndJson) {
  DriftRecord r;
  r.cycleId = "20261122T101500Z-abcdef1-2";
  r.timestamp = "2026-11-22T10:15:00Z";
  DriftEvent plain;
  plain.resource = "queues/OrdersQueue";
  plain.type = "AWS::SQS::Queue";
  plain.path = "MessageRetentionPeriod";
  plain.expected = Value(345600);
  plain.live = Value(60);
  DriftEvent secret;
  secret.resource = "fn/Orders";
  secret.type = "AWS::Lambda::Function";
  secret.path = "Environment.Variables.DB_PASSWORD";
  secret.secret = true;
  secret.expected = Value("hmac-sha256:" + std::string(64, 'a'));
  secret.live = Value("hmac-sha256:" + std::string(64, 'b'));
  secret.corrected = true;
  secret.cause = Value(Value::Object{{"principal", Value("arn:aws:iam::1:user/alice")},
                                     {"eventName", Value("UpdateFunctionConfiguration")}});
  r.events = {plain, secret};
  std::string text = formatDriftText("dev", {r});
  // CHANGED BY: who made the change, when an event named it; "-" for a scan's find.
  EXPECT_NE(text.find("  MessageRetentionPeriod             345600    60        no         -\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  Environment.Variables.DB_PASSWORD  (secret)  (secret)  yes        "
                      "arn:aws:iam::1:user/alice (UpdateFunctionConfiguration)\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("hmac"), std::string::npos);
  Value json = driftToReportValue("dev", {r});
  EXPECT_EQ(*json.findPath("events.1.expected"), Value("(secret)"));
  EXPECT_EQ(*json.findPath("events.0.live"), Value(60));
  EXPECT_EQ(json.toJson().find("hmac"), std::string::npos);
  EXPECT_EQ(formatDriftText("dev", {}), "No drift recorded for environment dev.\n");
}

TEST(Since, DatesTimesAndDurations) {
  TimePoint now = at("2026-11-22T12:00:00Z");
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"2026-11-20", "2026-11-20T00:00:00Z"}, {"2026-11-20T08:30:00Z", "2026-11-20T08:30:00Z"},
      {"24h", "2026-11-21T12:00:00Z"},        {"7d", "2026-11-15T12:00:00Z"},
      {"90m", "2026-11-22T10:30:00Z"},
  };
  for (const auto& c : cases) {
    auto t = parseSince(c.text, now);
    ASSERT_TRUE(t) << c.text;
    EXPECT_EQ(formatTimestamp(*t), c.expected) << c.text;
  }
  auto bad = parseSince("yesterday", now);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "--since: \"yesterday\" is not a date (2026-11-22), an RFC 3339 UTC time or a "
            "duration (24h, 7d)");
}

}  // namespace
}  // namespace driftless::state
