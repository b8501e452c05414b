// AWS::Scheduler::Schedule against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

TEST(ScheduleProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::Scheduler::Schedule");
  const std::string name = uniqueName("nightly");
  Desired d = h.desired("Nightly", json(R"({"Name": ")" + name + R"j(",
      "Description": "nightly job", "ScheduleExpression": "cron(0 3 * * ? *)",
      "ScheduleExpressionTimezone": "Europe/Paris",
      "FlexibleTimeWindow": {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": "15"},
      "Target": {"Arn": "arn:aws:lambda:us-east-1:123456789012:function:job",
                 "RoleArn": "arn:aws:iam::123456789012:role/scheduler",
                 "Input": "{\"mode\": \"full\"}",
                 "RetryPolicy": {"MaximumRetryAttempts": 2}}})j"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + name);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 1u) << "one GetSchedule";

  h.outOfBand("scheduler", "c.update_schedule(Name='" + name +
                               "', ScheduleExpression='rate(1 hour)', "
                               "FlexibleTimeWindow={'Mode': 'OFF'}, Target={'Arn': "
                               "'arn:aws:lambda:us-east-1:123456789012:function:job', "
                               "'RoleArn': 'arn:aws:iam::123456789012:role/scheduler'})\n");
  h.resetStats();
  // UpdateSchedule by hand without the optional fields resets them too.
  live = expectDriftCorrected(
      h, d,
      {"Description", "FlexibleTimeWindow.MaximumWindowInMinutes", "FlexibleTimeWindow.Mode",
       "ScheduleExpression", "ScheduleExpressionTimezone", "Target.Input",
       "Target.RetryPolicy.MaximumRetryAttempts"});
  EXPECT_EQ(h.calls()["scheduler:UpdateSchedule"], 1u);

  d.properties["State"] = Value("DISABLED");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"State"});
  live = h.update(d, live, change);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  expectRemoved(h, d, live);
}

// StartDate/EndDate: epoch seconds on the wire, dates in the manifest.
TEST(ScheduleProvider, TimeWindowRoundTrip) {
  Harness h("AWS::Scheduler::Schedule");
  const std::string name = uniqueName("window");
  Desired d = h.desired("Window", json(R"({"Name": ")" + name + R"j(",
      "ScheduleExpression": "rate(1 hour)", "FlexibleTimeWindow": {"Mode": "OFF"},
      "StartDate": "2031-03-01T08:00:00+01:00", "EndDate": "2031-06-30T00:00:00.000Z",
      "Target": {"Arn": "arn:aws:lambda:us-east-1:123456789012:function:job",
                 "RoleArn": "arn:aws:iam::123456789012:role/scheduler"}})j"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("StartDate"), Value("2031-03-01T08:00:00+01:00"));
  std::string got = botoOutput("scheduler", "s = c.get_schedule(Name='" + name +
                                                "')\nprint(s['StartDate'].isoformat(), "
                                                "s['EndDate'].isoformat())");
  EXPECT_EQ(got, "2031-03-01T07:00:00+00:00 2031-06-30T00:00:00+00:00");

  // The end moved by hand: drift, reported as a UTC date, and put back.
  h.outOfBand("scheduler",
              "import datetime\n"
              "c.update_schedule(Name='" +
                  name +
                  "', ScheduleExpression='rate(1 hour)', FlexibleTimeWindow={'Mode': 'OFF'}, "
                  "StartDate=datetime.datetime(2031, 3, 1, 7, tzinfo=datetime.timezone.utc), "
                  "EndDate=datetime.datetime(2032, 1, 1, tzinfo=datetime.timezone.utc), "
                  "Target={'Arn': 'arn:aws:lambda:us-east-1:123456789012:function:job', "
                  "'RoleArn': 'arn:aws:iam::123456789012:role/scheduler'})\n");
  live = h.observe(d);
  EXPECT_EQ(*live.properties.find("EndDate"), Value("2032-01-01T00:00:00Z"));
  live = expectDriftCorrected(h, d, {"EndDate"});

  // A later start in the manifest: one UpdateSchedule.
  d.properties["StartDate"] = Value("2031-04-01T00:00:00Z");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"StartDate"});
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["scheduler:UpdateSchedule"], 1u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  expectRemoved(h, d, live);
}

TEST(ScheduleProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Scheduler::Schedule");
  const Value bad = json(R"({"Name": "a b", "ScheduleExpression": "every day",
      "FlexibleTimeWindow": {"Mode": "OFF", "MaximumWindowInMinutes": 5},
      "Target": {"Arn": "a", "RoleArn": "r", "Input": "{"}})");
  EXPECT_EQ(info.validate(bad).size(), 4u) << ::testing::PrintToString(info.validate(bad));
  EXPECT_FALSE(info.taggable);
  const Value window = json(R"j({"ScheduleExpression": "rate(1 hour)",
      "StartDate": "2031-05-01T00:00:00Z", "EndDate": "2031-04-01T00:00:00Z"})j");
  EXPECT_EQ(info.validate(window), std::vector<std::string>{"EndDate: must be after StartDate"});
  const Value notADate =
      json(R"j({"ScheduleExpression": "rate(1 hour)", "StartDate": "tomorrow"})j");
  EXPECT_EQ(
      info.validate(notADate),
      std::vector<std::string>{"StartDate: \"tomorrow\" is not a date like 2030-01-01T00:00:00Z"});
}

TEST(SchedulerManifest, ScheduleRoundTrip) {
  ManifestRun run;
  const std::string name = run.name("nightly");
  auto field = [&](const std::string& f) {
    return run.boto("scheduler", "print(c.get_schedule(Name='" + name + "')['" + f + "'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Nightly:\n    Type: AWS::Scheduler::Schedule\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      Name: " + name + "\n      ScheduleExpression: rate(" +
           std::to_string(v) +
           " hours)\n      FlexibleTimeWindow: {Mode: 'OFF'}\n"
           "      Target:\n        Arn: arn:aws:lambda:us-east-1:123456789012:function:job\n"
           "        RoleArn: arn:aws:iam::123456789012:role/scheduler\n";
  };
  t.drift = [&] {
    run.boto("scheduler", "c.update_schedule(Name='" + name +
                              "', ScheduleExpression='rate(9 hours)', "
                              "FlexibleTimeWindow={'Mode': 'OFF'}, Target={'Arn': "
                              "'arn:aws:lambda:us-east-1:123456789012:function:job', "
                              "'RoleArn': 'arn:aws:iam::123456789012:role/scheduler'})");
  };
  t.driftPath = "ScheduleExpression";
  t.checkCorrected = [&] { EXPECT_EQ(field("ScheduleExpression"), "rate(1 hours)"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(field("ScheduleExpression"), "rate(2 hours)"); };
  t.exists = [&] {
    return run.boto("scheduler", "print(any(s['Name'] == '" + name +
                                     "' for s in c.list_schedules()['Schedules']))") == "True";
  };
  roundTrip(run, t);

  const std::string gone = run.name("gone");
  createThenDelete(
      run,
      "Resources:\n  Gone:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      Name: " +
          gone +
          "\n      ScheduleExpression: rate(1 day)\n      FlexibleTimeWindow: {Mode: 'OFF'}\n"
          "      Target:\n        Arn: arn:aws:sqs:us-east-1:123456789012:q\n"
          "        RoleArn: arn:aws:iam::123456789012:role/scheduler\n",
      [&] {
        return run.boto("scheduler", "print(any(s['Name'] == '" + gone +
                                         "' for s in c.list_schedules()['Schedules']))") == "True";
      });
}

}  // namespace
}  // namespace driftless::platform
