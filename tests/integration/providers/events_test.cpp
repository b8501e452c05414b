// AWS::Events::EventBus and AWS::Events::Rule (with targets) against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

std::string sqsQueueArn(Harness& h, const std::string& name) {
  h.outOfBand("sqs", "c.create_queue(QueueName='" + name + "')\n");
  return "arn:aws:sqs:us-east-1:123456789012:" + name;
}

TEST(EventBusProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::Events::EventBus");
  const std::string name = uniqueName("bus");
  const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Orders",
      "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "events:PutEvents", "Resource": "arn:aws:events:us-east-1:123456789012:event-bus/)" +
                             name + R"("}]})";
  Desired d = h.desired("Bus", json(R"({"Name": ")" + name + R"(", "Description": "orders",
      "Policy": )" + policy + R"(, "Tags": [{"Key": "team", "Value": "orders"}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:events:us-east-1:123456789012:event-bus/" + name);

  h.resetStats();
  live = h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "DescribeEventBus and ListTagsForResource only";

  h.outOfBand("events", "c.tag_resource(ResourceARN='" + live.attributes.find("Arn")->asString() +
                            "', Tags=[{'Key': 'team', 'Value': 'other'}])\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Tags"});
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls().count("events:PutPermission"), 0u) << "a tags-only change set the policy";
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.outOfBand("events",
              "c.remove_permission(EventBusName='" + name + "', RemoveAllPermissions=True)\n");
  live = expectDriftCorrected(h, d, {"Policy"});

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);  // already absent: success
}

TEST(EventBusProvider, ValidationRefusesTheDefaultBusAndBadNames) {
  const TypeInfo* info = &typeInfo("AWS::Events::EventBus");
  EXPECT_EQ(info->validate(json(R"({"Name": "default"})")).size(), 1u);
  EXPECT_EQ(info->validate(json(R"({"Name": "partner/bus"})")).size(), 1u);
  EXPECT_TRUE(info->validate(json(R"({"Name": "orders.bus-1_a"})")).empty());
}

// moto has no UpdateEventBus: the request is checked on the wire. The
// settings the manifest does not manage are sent with their live values
// (UpdateEventBus resets what it is not given).
TEST(EventBusProvider, UpdateEventBusOnTheWire) {
  const std::string arn = "arn:aws:events:us-east-1:123456789012:event-bus/orders";
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    if (target == "AWSEvents.DescribeEventBus")
      out.body = R"({"Name": "orders", "Arn": ")" + arn +
                 R"(", "Description": "new", "KmsKeyIdentifier": "alias/k"})";
    else if (target == "AWSEvents.ListTagsForResource")
      out.body = R"({"Tags": [{"Key": "driftless:controller", "Value": "ctl-test"}]})";
    else
      out.body = "{}";
    return out;
  });
  Harness h("AWS::Events::EventBus", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Bus", json(R"({"Name": "orders", "Description": "new"})"));
  Observed live;
  live.exists = true;
  live.properties = json(
      R"({"Name": "orders", "Description": "old", "KmsKeyIdentifier": "alias/k", "Tags": []})");
  live.owner = Ownership{"ctl-test", "dev", "app", "Bus"};
  live.attributes["Arn"] = Value(arn);
  Delta delta = h.p().diff(d, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{"Description"});
  h.update(d, live, delta);
  int updates = 0;
  for (const auto& r : stub.requests()) {
    if (!r.headers.count("x-amz-target") ||
        r.headers.at("x-amz-target") != "AWSEvents.UpdateEventBus")
      continue;
    ++updates;
    EXPECT_EQ(json(r.body), json(R"({"Name": "orders", "Description": "new",
        "KmsKeyIdentifier": "alias/k"})"));
  }
  EXPECT_EQ(updates, 1);
}

// A partner event bus (EventSourceName): moto has no partner event sources
// (docs/manifest-reference.md, "What the emulator cannot do"), so on the wire.
// The bus is named as its source; DescribeEventBus does not name the source.
TEST(EventBusWire, PartnerEventSource) {
  const std::string source = "aws.partner/saas.example.com/1234/orders";
  const std::string arn = "arn:aws:events:us-east-1:123456789012:event-bus/" + source;
  std::string description = "partner";
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    out.body = "{}";
    if (target == "AWSEvents.DescribeEventBus")
      out.body = R"({"Name": ")" + source + R"(", "Arn": ")" + arn + R"(", "Description": ")" +
                 description + R"("})";
    else if (target == "AWSEvents.ListTagsForResource")
      out.body = R"({"Tags": []})";
    else if (target == "AWSEvents.CreateEventBus")
      out.body = R"({"EventBusArn": ")" + arn + R"("})";
    return out;
  });
  Harness h("AWS::Events::EventBus", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Bus", json(R"({"Name": ")" + source + R"(", "EventSourceName": ")" +
                                    source + R"(", "Description": "partner"})"));
  EXPECT_TRUE(h.p().info().validate(d.properties).empty());
  Observed live = h.create(d);
  auto created = sentJson(stub, "CreateEventBus");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(*created[0].find("EventSourceName"), Value(source));
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_TRUE(h.p().info().property("EventSourceName")->immutable);

  // Another setting changed by hand: UpdateEventBus, which never takes the source.
  description = "changed";
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Description"});
  h.update(d, live, drift);
  auto updates = sentJson(stub, "UpdateEventBus");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].find("EventSourceName"), nullptr);

  EXPECT_EQ(h.p().info().validate(json(R"({"Name": "orders", "EventSourceName": "orders"})")),
            std::vector<std::string>{
                "EventSourceName: \"orders\" is not a partner event source (aws.partner/...)"});
  EXPECT_EQ(
      h.p().info().validate(json(R"({"Name": "orders", "EventSourceName": ")" + source + "\"}")),
      std::vector<std::string>{"Name: a partner event bus is named as its event source, \"" +
                               source + "\""});
}

// LogConfig (issue 14): moto 5.2.1 neither stores nor returns it, and has no
// UpdateEventBus: create, observe and update are checked on the wire.
TEST(EventBusProvider, LogConfigOnTheWire) {
  const std::string arn = "arn:aws:events:us-east-1:123456789012:event-bus/audit";
  std::string level = "INFO";
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    if (target == "AWSEvents.DescribeEventBus")
      out.body = R"({"Name": "audit", "Arn": ")" + arn + R"(", "Description": "d",
          "LogConfig": {"IncludeDetail": "FULL", "Level": ")" +
                 level + R"("}})";
    else if (target == "AWSEvents.ListTagsForResource")
      out.body = R"({"Tags": [{"Key": "driftless:controller", "Value": "ctl-test"}]})";
    else
      out.body = "{}";
    return out;
  });
  auto sent = [&](const std::string& op) { return sentJson(stub, op); };
  Harness h("AWS::Events::EventBus", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Bus", json(R"({"Name": "audit", "Description": "d",
      "LogConfig": {"IncludeDetail": "FULL", "Level": "INFO"}})"));
  h.create(d);
  ASSERT_EQ(sent("CreateEventBus").size(), 1u);
  EXPECT_EQ(*sent("CreateEventBus")[0].find("LogConfig"),
            json(R"({"IncludeDetail": "FULL", "Level": "INFO"})"));
  expectDriftCorrected(h, d, [&] { level = "ERROR"; }, {"LogConfig.Level"});
  ASSERT_EQ(sent("UpdateEventBus").size(), 1u);
  EXPECT_EQ(sent("UpdateEventBus")[0], json(R"({"Name": "audit", "Description": "d",
      "LogConfig": {"IncludeDetail": "FULL", "Level": "INFO"}})"));
}

Value ruleProps(const std::string& name, const std::string& queueArn, const std::string& topicArn) {
  return json(R"({"Name": ")" + name + R"(", "Description": "orders",
    "EventPattern": {"source": ["app.orders"], "detail-type": ["created"]},
    "State": "ENABLED",
    "Tags": [{"Key": "team", "Value": "orders"}],
    "Targets": [
      {"Id": "queue", "Arn": ")" +
              queueArn + R"(",
       "InputTransformer": {"InputPathsMap": {"id": "$.detail.id"},
                            "InputTemplate": "{\"order\": <id>}"},
       "RetryPolicy": {"MaximumRetryAttempts": "4", "MaximumEventAgeInSeconds": 3600}},
      {"Id": "topic", "Arn": ")" +
              topicArn + R"(", "Input": "{\"fixed\": true}"},
      {"Id": "machine", "Arn": "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
       "RoleArn": "arn:aws:iam::123456789012:role/events-invoke", "InputPath": "$.detail"},
      {"Id": "fn", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:orders"},
      {"Id": "stream", "Arn": "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
       "RoleArn": "arn:aws:iam::123456789012:role/events-invoke",
       "KinesisParameters": {"PartitionKeyPath": "$.detail.id"}}
    ]})");
}

TEST(RuleProvider, TargetsAreChildrenKeyedById) {
  Harness h("AWS::Events::Rule");
  const std::string name = uniqueName("rule");
  const std::string queueArn = sqsQueueArn(h, uniqueName("rule-q"));
  const std::string topicArn = "arn:aws:sns:us-east-1:123456789012:" + uniqueName("rule-t");
  h.resetStats();
  Desired d = h.desired("Rule", ruleProps(name, queueArn, topicArn));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Ref")->asString(), name);
  EXPECT_EQ(live.attributes.find("Arn")->asString(),
            "arn:aws:events:us-east-1:123456789012:rule/" + name);

  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 3u) << "DescribeRule, ListTagsForResource, ListTargetsByRule";
  Desired noTargets = d;
  noTargets.properties.erase("Targets");
  h.resetStats();
  h.observe(noTargets);
  EXPECT_EQ(h.stats().total(), 2u) << "targets not managed: not read";

  // Out of band: one target changed, one removed, one added.
  h.outOfBand("events", "c.put_targets(Rule='" + name + "', Targets=[{'Id': 'topic', 'Arn': '" +
                            topicArn +
                            "', 'Input': '{\"fixed\": false}'}, {'Id': 'extra', 'Arn': '" +
                            topicArn + "'}])\nc.remove_targets(Rule='" + name + "', Ids=['fn'])\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Targets"});
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls().count("events:PutRule"), 0u) << "a targets-only change rewrote the rule";
  EXPECT_EQ(h.calls()["events:PutTargets"], 1u);
  EXPECT_EQ(h.calls()["events:RemoveTargets"], 1u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  std::string ids = h.observe(d).properties.find("Targets")->toJson();
  EXPECT_EQ(ids.find("extra"), std::string::npos) << "an undeclared target was kept: " << ids;

  // Out of band: disabled, pattern changed.
  h.outOfBand("events", "c.disable_rule(Name='" + name + "')\n");
  live = expectDriftCorrected(h, d, {"State"});

  expectRemoved(h, d, live);
}

TEST(RuleProvider, RuleOnACustomBusIsIdentifiedByBusAndName) {
  Harness bus("AWS::Events::EventBus");
  const std::string busName = uniqueName("rules-bus");
  Desired b = bus.desired("Bus", json(R"({"Name": ")" + busName + R"("})"));
  Observed busLive = bus.create(b);
  Harness h("AWS::Events::Rule");
  const std::string name = uniqueName("bus-rule");
  Desired d = h.desired("Rule", json(R"({"Name": ")" + name + R"(", "EventBusName": ")" + busName +
                                     R"(", "EventPattern": {"source": ["app"]}})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Ref")->asString(), busName + "|" + name);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  Desired onDefault = d;
  onDefault.properties.erase("EventBusName");
  EXPECT_FALSE(h.observe(onDefault).exists) << "the same name on the default bus is another rule";
  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  bus.remove(b, busLive);
}

TEST(RuleProvider, ValidationRules) {
  const TypeInfo* info = &typeInfo("AWS::Events::Rule");
  const Value noTrigger = json(R"({"Name": "r"})");
  const Value scheduleOnCustomBus =
      json(R"j({"Name": "r", "EventBusName": "b", "ScheduleExpression": "rate(5 minutes)"})j");
  const Value badTargets = json(R"j({"Name": "r", "ScheduleExpression": "rate(5 minutes)",
      "Targets": [{"Id": "a", "Arn": "x", "Input": "{}", "InputPath": "$"},
                  {"Id": "a", "Arn": "y"}]})j");
  const Value valid = json(R"j({"Name": "r", "ScheduleExpression": "rate(5 minutes)"})j");
  EXPECT_EQ(info->validate(noTrigger).size(), 1u) << "pattern or schedule";
  EXPECT_EQ(info->validate(scheduleOnCustomBus).size(), 1u);
  EXPECT_EQ(info->validate(badTargets).size(), 2u);
  EXPECT_TRUE(info->validate(valid).empty());
}

// Manifests through the binary.

std::string busAndRule(ManifestRun& run, int version, bool retain) {
  const std::string keep = retain ? "    DeletionPolicy: Retain\n" : "";
  std::string y = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n" + keep +
                  "    Properties:\n      QueueName: " + run.name("q") +
                  "\n  Topic:\n    Type: AWS::SNS::Topic\n" + keep +
                  "    Properties:\n      TopicName: " + run.name("t") +
                  "\n  Bus:\n    Type: AWS::Events::EventBus\n" + keep +
                  "    Properties:\n      Name: " + run.name("bus") +
                  "\n      Tags: [{Key: team, Value: orders}]\n"
                  "  Rule:\n    Type: AWS::Events::Rule\n" +
                  keep + "    Properties:\n      Name: " + run.name("rule") +
                  "\n      EventBusName: !Ref Bus\n"
                  "      EventPattern: {source: [app.orders]}\n"
                  "      Targets:\n"
                  "        - Id: queue\n          Arn: !GetAtt Queue.Arn\n"
                  "          InputTransformer:\n"
                  "            InputPathsMap: {id: $.detail.id}\n"
                  "            InputTemplate: '{\"order\": <id>}'\n";
  if (version >= 2) y += "        - Id: topic\n          Arn: !Ref Topic\n";
  return y;
}

TEST(EventsManifest, RuleOnACustomBusRoundTrip) {
  ManifestRun run;
  const std::string rule = run.name("rule"), bus = run.name("bus");
  const std::string where = "Name='" + rule + "', EventBusName='" + bus + "'";
  RoundTrip t;
  t.manifest = [&](int v, bool retain) { return busAndRule(run, v, retain); };
  t.drift = [&] {
    run.boto("events", "c.put_rule(" + where + ", EventPattern='{\"source\": [\"other\"]}')");
  };
  t.driftPath = "EventPattern";
  t.checkCorrected = [&] {
    EXPECT_EQ(run.boto("events", "print(c.describe_rule(" + where + ")['EventPattern'])"),
              "{\"source\":[\"app.orders\"]}");
  };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] {
    EXPECT_EQ(run.boto("events", "print(len(c.list_targets_by_rule(Rule='" + rule +
                                     "', EventBusName='" + bus + "')['Targets']))"),
              "2");
  };
  t.exists = [&] {
    return run.boto("events", "print(any(r['Name'] == '" + rule +
                                  "' for r in c.list_rules(EventBusName='" + bus +
                                  "')['Rules']))") == "True";
  };
  roundTrip(run, t);
}

TEST(EventsManifest, BusDriftAndDelete) {
  ManifestRun run;
  const std::string bus = run.name("bus2");
  auto busExists = [&] {
    return run.boto("events", "print(any(b['Name'] == '" + bus +
                                  "' for b in c.list_event_buses()['EventBuses']))") == "True";
  };
  auto yaml = [&](const std::string& ruleName) -> std::string {
    return "Resources:\n  Bus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: " +
           bus +
           "\n      Tags: [{Key: team, Value: a}]\n  Rule:\n    Type: AWS::Events::Rule\n"
           "    Properties:\n      Name: " +
           ruleName + "\n      EventBusName: !Ref Bus\n      EventPattern: {source: [app]}\n";
  };
  run.s.push("dev", {{"gone.yaml", yaml(run.name("r1"))}});
  std::string out = run.apply();
  ASSERT_TRUE(busExists()) << out;
  ASSERT_EQ(run.plan(&out), 0) << out;
  const std::string arn = "arn:aws:events:us-east-1:123456789012:event-bus/" + bus;
  run.boto("events", "c.untag_resource(ResourceARN='" + arn + "', TagKeys=['team'])");
  ASSERT_EQ(run.plan(&out), 2) << out;
  EXPECT_NE(out.find("Tags"), std::string::npos) << out;
  run.apply();
  EXPECT_EQ(run.plan(&out), 0) << out;

  run.removeStack("gone.yaml");
  out = run.apply();
  EXPECT_FALSE(busExists()) << "removed from Git but still live:\n" << out;
}

}  // namespace
}  // namespace driftless::platform
