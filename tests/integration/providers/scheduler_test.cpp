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

TEST(ScheduleProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Scheduler::Schedule");
  const Value bad = json(R"({"Name": "a b", "ScheduleExpression": "every day",
      "FlexibleTimeWindow": {"Mode": "OFF", "MaximumWindowInMinutes": 5},
      "Target": {"Arn": "a", "RoleArn": "r", "Input": "{"}})");
  EXPECT_EQ(info.validate(bad).size(), 4u) << ::testing::PrintToString(info.validate(bad));
  EXPECT_FALSE(info.taggable);
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
