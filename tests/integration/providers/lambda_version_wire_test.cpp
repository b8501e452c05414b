// What moto cannot show (docs/manifest-reference.md, "What the emulator cannot
// do"): Lambda refuses to delete a version an alias references with a 409
// ResourceConflictException. Against a stub speaking Lambda's wire format, the
// version provider's delete leaves such a version in place (the replace goes
// on), and fails on any other conflict.
#include "providers/lambda/event_source_mapping_schema.h"
#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"

namespace driftless::testing {
namespace {

StubResponse conflict(const std::string& message) {
  StubResponse r;
  r.status = 409;
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("x-amzn-errortype", "ResourceConflictException");
  r.body = R"({"Type": "User", "message": ")" + message + R"("})";
  return r;
}

TEST(LambdaVersionWire, AVersionAnAliasReferencesIsLeftInPlaceOnDelete) {
  std::string message =
      "Unable to delete version because the following aliases reference it: [live]";
  HttpStub stub([&](const StubRequest&) { return conflict(message); });
  Harness h("AWS::Lambda::Version", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("V", json(R"({"FunctionName": "orders"})"));
  Observed live;
  live.exists = true;
  live.physicalId = d.physicalId = "arn:aws:lambda:us-east-1:123456789012:function:orders:3";
  h.remove(d, live);
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "DELETE");
  EXPECT_EQ(
      requests[0].target,
      "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders"
      "?Qualifier=3");

  message = "The operation cannot be performed at this time.";
  auto r = h.run(h.p().remove(d, live));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "ResourceConflictException");
}

}  // namespace
}  // namespace driftless::testing

// Provisioned concurrency and a version's runtime policy (moto implements
// neither: docs/manifest-reference.md, "What the emulator cannot do"), on
// Lambda's wire format.
namespace driftless::testing {
namespace {

struct QualifiedWire {
  std::string provisioned = R"({"RequestedProvisionedConcurrentExecutions": 5,
      "AllocatedProvisionedConcurrentExecutions": 0, "Status": "IN_PROGRESS"})";
  std::string scaling = R"({"FunctionArn": "f",
      "RequestedFunctionScalingConfig": {"MinExecutionEnvironments": 2, "MaxExecutionEnvironments": 8},
      "AppliedFunctionScalingConfig": {"MinExecutionEnvironments": 1, "MaxExecutionEnvironments": 8}})";
  HttpStub stub{[this](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    const std::string path = r.target.substr(0, r.target.find('?'));
    if (path.ends_with("/provisioned-concurrency") && r.method == "GET") {
      out.body = provisioned;
    } else if (path.ends_with("/function-scaling-config") && r.method == "GET") {
      out.body = scaling;
    } else if (path.ends_with("/runtime-management-config") && r.method == "GET") {
      out.body = R"({"UpdateRuntimeOn": "FunctionUpdate", "FunctionArn": "f"})";
    } else if (path.ends_with("/versions")) {
      out.body = R"({"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:7",
                     "Version": "7"})";
    } else if (path.ends_with("/configuration")) {
      out.body = R"({"FunctionName": "orders", "Version": "7", "CodeSha256": "abc"})";
    } else if (path.find("/aliases") != std::string::npos) {
      out.body = R"({"AliasArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                     "Name": "live", "FunctionVersion": "7"})";
    } else {
      out.body = "{}";
    }
    return out;
  }};
  std::vector<StubRequest> sent(const std::string& method, const std::string& suffix) const {
    std::vector<StubRequest> out;
    for (const auto& r : stub.requests())
      if (r.method == method && r.target.substr(0, r.target.find('?')).ends_with(suffix))
        out.push_back(r);
    return out;
  }
};

TEST(LambdaVersionWire, ProvisionedConcurrencyAndRuntimePolicyAtPublish) {
  QualifiedWire wire;
  Harness h("AWS::Lambda::Version", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("V", *Value::fromJson(R"({"FunctionName": "orders",
      "ProvisionedConcurrencyConfig": {"ProvisionedConcurrentExecutions": "5"},
      "RuntimePolicy": {"UpdateRuntimeOn": "FunctionUpdate"}})"));
  Observed live = h.create(d);
  auto pc = wire.sent("PUT", "/provisioned-concurrency");
  ASSERT_EQ(pc.size(), 1u);
  EXPECT_EQ(pc[0].target,
            "/2019-09-30/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3A"
            "function%3Aorders/provisioned-concurrency?Qualifier=7");
  EXPECT_EQ(*Value::fromJson(pc[0].body),
            *Value::fromJson(R"({"ProvisionedConcurrentExecutions": 5})"));
  auto rp = wire.sent("PUT", "/runtime-management-config");
  ASSERT_EQ(rp.size(), 1u);
  EXPECT_NE(rp[0].target.find("?Qualifier=7"), std::string::npos);
  EXPECT_EQ(*Value::fromJson(rp[0].body),
            *Value::fromJson(R"({"UpdateRuntimeOn": "FunctionUpdate"})"));
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  // Another value is a replace (a new version), as in CloudFormation.
  d.properties["ProvisionedConcurrencyConfig"]["ProvisionedConcurrentExecutions"] = Value(9);
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{
                               "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"});
  for (const auto& spec : h.p().info().properties)
    if (spec.name == "ProvisionedConcurrencyConfig") {
      EXPECT_TRUE(spec.immutable);
    }
}

// A version's FunctionScalingConfig (Lambda Managed Instances; moto has no
// PutFunctionScalingConfig): put at publish with the version as qualifier,
// the requested configuration read back (not the applied one, which follows
// it), a change by hand is drift, and any change a replace (a new version).
TEST(LambdaVersionWire, FunctionScalingConfigAtPublish) {
  QualifiedWire wire;
  Harness h("AWS::Lambda::Version", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("V", *Value::fromJson(R"({"FunctionName": "orders",
      "FunctionScalingConfig": {"MinExecutionEnvironments": "2", "MaxExecutionEnvironments": 8}})"));
  Observed live = h.create(d);
  auto put = wire.sent("PUT", "/function-scaling-config");
  ASSERT_EQ(put.size(), 1u);
  EXPECT_EQ(put[0].target,
            "/2025-11-30/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3A"
            "function%3Aorders/function-scaling-config?Qualifier=7");
  EXPECT_EQ(*Value::fromJson(put[0].body), *Value::fromJson(R"({"FunctionScalingConfig":
      {"MinExecutionEnvironments": 2, "MaxExecutionEnvironments": 8}})"));
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  wire.scaling = R"({"RequestedFunctionScalingConfig": {"MinExecutionEnvironments": 0,
      "MaxExecutionEnvironments": 8}})";
  d.physicalId = live.physicalId;
  live = h.observe(d);
  EXPECT_EQ(paths(h.p().diff(d, live)),
            std::vector<std::string>{"FunctionScalingConfig.MinExecutionEnvironments"});
  EXPECT_TRUE(h.p().info().property("FunctionScalingConfig")->immutable);
}

TEST(LambdaAliasWire, ProvisionedConcurrencyIsPutAloneOnChange) {
  QualifiedWire wire;
  Harness h("AWS::Lambda::Alias", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("A", *Value::fromJson(R"({"FunctionName": "orders", "Name": "live",
      "FunctionVersion": "7", "ProvisionedConcurrencyConfig": {"ProvisionedConcurrentExecutions": 5}})"));
  Observed live = h.create(d);
  ASSERT_EQ(wire.sent("PUT", "/provisioned-concurrency").size(), 1u);
  EXPECT_NE(wire.sent("PUT", "/provisioned-concurrency")[0].target.find("?Qualifier=live"),
            std::string::npos);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Lowered by hand: drift, put back without an UpdateAlias.
  wire.provisioned = R"({"RequestedProvisionedConcurrentExecutions": 1})";
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{
                              "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"});
  wire.provisioned = R"({"RequestedProvisionedConcurrentExecutions": 5})";
  live = h.update(d, live, drift);
  EXPECT_EQ(wire.sent("PUT", "/provisioned-concurrency").size(), 2u);
  EXPECT_EQ(wire.sent("PUT", "/aliases/live").size(), 0u) << "no UpdateAlias";
  EXPECT_TRUE(h.p().diff(d, live).empty());
}

}  // namespace
}  // namespace driftless::testing

// An event source mapping's LoggingConfig (moto does not record it), on the wire.
namespace driftless::testing {
namespace {

TEST(LambdaEventSourceMappingWire, LoggingConfigIsSentAndReadBack) {
  std::string level = "WARN";
  HttpStub stub([&](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    if (r.target.starts_with("/2017-03-31/tags/"))
      out.body = R"({"Tags": {}})";
    else
      out.body = R"({"UUID": "u-1", "State": "Enabled", "BatchSize": 10,
          "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:work",
          "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders",
          "EventSourceMappingArn": "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-1",
          "LoggingConfig": {"SystemLogLevel": ")" +
                 level + R"("}})";
    return out;
  });
  Harness h("AWS::Lambda::EventSourceMapping", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("M", *Value::fromJson(R"({"FunctionName": "orders",
      "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:work",
      "LoggingConfig": {"SystemLogLevel": "WARN"}})"));
  Observed live = h.create(d);
  auto sent = [&](const std::string& method) {
    std::vector<Value> out;
    for (const auto& r : stub.requests())
      if (r.method == method && r.target.starts_with("/2015-03-31/event-source-mappings"))
        out.push_back(*Value::fromJson(r.body));
    return out;
  };
  ASSERT_EQ(sent("POST").size(), 1u);
  EXPECT_EQ(*sent("POST")[0].find("LoggingConfig"),
            *Value::fromJson(R"({"SystemLogLevel": "WARN"})"));
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Set to DEBUG by hand: drift, put back by UpdateEventSourceMapping.
  level = "DEBUG";
  d.physicalId = live.physicalId;  // known from state after the create
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"LoggingConfig.SystemLogLevel"});
  h.update(d, live, drift);
  ASSERT_EQ(sent("PUT").size(), 1u);
  EXPECT_EQ(*sent("PUT")[0].find("LoggingConfig"),
            *Value::fromJson(R"({"SystemLogLevel": "WARN"})"));
}

}  // namespace
}  // namespace driftless::testing

// Kafka, Amazon MQ and DocumentDB sources (moto's CreateEventSourceMapping
// refuses any source but SQS, Kinesis and DynamoDB streams: docs/manifest-reference.md,
// "What the emulator cannot do"), against a stub keeping one mapping as Lambda does.
namespace driftless::testing {
namespace {

struct MappingWire {
  Value mapping = Value::object();
  HttpStub stub{[this](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    if (r.target.starts_with("/2017-03-31/tags/")) {
      out.body = R"({"Tags": {}})";
      return out;
    }
    if (r.method == "POST" || r.method == "PUT") {
      Value body = *Value::fromJson(r.body);
      for (const auto& [k, v] : body.asObject())
        if (k != "Tags") mapping[k] = v;
      mapping["UUID"] = Value("u-1");
      mapping["EventSourceMappingArn"] =
          Value("arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-1");
      mapping["FunctionArn"] = Value("arn:aws:lambda:us-east-1:123456789012:function:orders");
    }
    mapping["State"] = Value("Enabled");
    out.body = mapping.toJson();
    return out;
  }};
  std::vector<Value> sent(const std::string& method) const {
    std::vector<Value> out;
    for (const auto& r : stub.requests())
      if (r.method == method && r.target.starts_with("/2015-03-31/event-source-mappings"))
        out.push_back(*Value::fromJson(r.body));
    return out;
  }
};

TEST(LambdaEventSourceMappingWire, SelfManagedKafkaRoundTrips) {
  MappingWire wire;
  Harness h("AWS::Lambda::EventSourceMapping", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("M", *Value::fromJson(R"({"FunctionName": "orders",
      "SelfManagedEventSource": {"Endpoints": {"KafkaBootstrapServers": ["b1:9092", "b2:9092"]}},
      "Topics": ["orders"], "StartingPosition": "TRIM_HORIZON",
      "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH",
          "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka"}],
      "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "orders-consumer"},
      "ProvisionedPollerConfig": {"MinimumPollers": "1", "MaximumPollers": "3"}})"));
  EXPECT_TRUE(h.p().info().validate(d.properties).empty());
  Observed live = h.create(d);
  ASSERT_EQ(wire.sent("POST").size(), 1u);
  Value post = wire.sent("POST")[0];
  EXPECT_EQ(
      *post.find("SelfManagedEventSource"),
      *Value::fromJson(R"({"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092", "b2:9092"]}})"));
  EXPECT_EQ(*post.find("Topics"), *Value::fromJson(R"(["orders"])"));
  EXPECT_EQ(*post.find("ProvisionedPollerConfig"),
            *Value::fromJson(R"({"MinimumPollers": 1, "MaximumPollers": 3})"));
  EXPECT_EQ(*post.find("SelfManagedKafkaEventSourceConfig"),
            *Value::fromJson(R"({"ConsumerGroupId": "orders-consumer"})"));
  EXPECT_EQ(post.find("EventSourceArn"), nullptr);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Pollers and credentials changed by hand: drift, put back by one update that
  // sends only what UpdateEventSourceMapping takes.
  wire.mapping["ProvisionedPollerConfig"]["MaximumPollers"] = Value(10);
  wire.mapping["SourceAccessConfigurations"] = *Value::fromJson(
      R"([{"Type": "BASIC_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"}])");
  d.physicalId = live.physicalId;
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{"ProvisionedPollerConfig.MaximumPollers",
                                                    "SourceAccessConfigurations"}));
  live = h.update(d, live, drift);
  ASSERT_EQ(wire.sent("PUT").size(), 1u);
  Value put = wire.sent("PUT")[0];
  EXPECT_EQ(*put.find("SourceAccessConfigurations"),
            *d.properties.find("SourceAccessConfigurations"));
  EXPECT_EQ(*put.find("ProvisionedPollerConfig"),
            *Value::fromJson(R"({"MinimumPollers": 1, "MaximumPollers": 3})"));
  for (const char* createOnly :
       {"Topics", "SelfManagedEventSource", "SelfManagedKafkaEventSourceConfig"})
    EXPECT_EQ(put.find(createOnly), nullptr) << createOnly;
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Lambda cannot change a mapping's topic, cluster or consumer group: a replace.
  for (const char* p : {"Topics", "Queues", "SelfManagedEventSource",
                        "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"})
    EXPECT_TRUE(h.p().info().property(p)->immutable) << p;
  for (const char* p :
       {"SourceAccessConfigurations", "DocumentDBEventSourceConfig", "ProvisionedPollerConfig"})
    EXPECT_FALSE(h.p().info().property(p)->immutable) << p;
  d.properties["Topics"] = *Value::fromJson(R"(["payments"])");
  EXPECT_EQ(paths(h.p().diff(d, live)), std::vector<std::string>{"Topics"});
}

TEST(LambdaEventSourceMappingWire, MskMqAndDocumentDbSources) {
  struct Source {
    const char* properties;
    const char* field;  // a source-specific property sent and read back
  };
  const Source sources[] = {
      {R"({"FunctionName": "orders", "Topics": ["t"], "StartingPosition": "LATEST",
          "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1a2b",
          "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "g",
              "SchemaRegistryConfig": {"SchemaRegistryURI": "arn:aws:glue:us-east-1:123456789012:registry/r",
                  "EventRecordFormat": "JSON", "SchemaValidationConfigs": [{"Attribute": "VALUE"}]}}})",
       "AmazonManagedKafkaEventSourceConfig"},
      {R"({"FunctionName": "orders", "Queues": ["jobs"],
          "EventSourceArn": "arn:aws:mq:us-east-1:123456789012:broker:b:b-1234",
          "SourceAccessConfigurations": [{"Type": "BASIC_AUTH",
              "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:mq"}]})",
       "Queues"},
      {R"({"FunctionName": "orders", "StartingPosition": "LATEST",
          "EventSourceArn": "arn:aws:rds:us-east-1:123456789012:cluster:docs",
          "DocumentDBEventSourceConfig": {"DatabaseName": "db", "CollectionName": "c",
              "FullDocument": "UpdateLookup"}})",
       "DocumentDBEventSourceConfig"},
  };
  for (const auto& s : sources) {
    MappingWire wire;
    Harness h("AWS::Lambda::EventSourceMapping", Harness::Options{.endpoint = wire.stub.url()});
    Desired d = h.desired("M", *Value::fromJson(s.properties));
    EXPECT_EQ(h.p().info().validate(d.properties), std::vector<std::string>{}) << s.field;
    Observed live = h.create(d);
    ASSERT_EQ(wire.sent("POST").size(), 1u);
    EXPECT_EQ(*wire.sent("POST")[0].find(s.field), *d.properties.find(s.field)) << s.field;
    EXPECT_TRUE(h.p().diff(d, live).empty()) << s.field;
  }

  // DocumentDB's settings change in place.
  MappingWire wire;
  Harness h("AWS::Lambda::EventSourceMapping", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("M", *Value::fromJson(sources[2].properties));
  Observed live = h.create(d);
  d.properties["DocumentDBEventSourceConfig"]["FullDocument"] = Value("Default");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"DocumentDBEventSourceConfig.FullDocument"});
  live = h.update(d, live, change);
  ASSERT_EQ(wire.sent("PUT").size(), 1u);
  EXPECT_EQ(*wire.sent("PUT")[0].find("DocumentDBEventSourceConfig"),
            *d.properties.find("DocumentDBEventSourceConfig"));
  EXPECT_TRUE(h.p().diff(d, live).empty());
}

TEST(LambdaEventSourceMappingWire, EachSourceTakesItsOwnSettings) {
  auto problems = [](const char* props) {
    return lambda::eventSourceMappingTypeInfo().validate(*Value::fromJson(props));
  };
  EXPECT_EQ(problems(R"({"FunctionName": "f", "Topics": ["t"],
      "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q"})"),
            std::vector<std::string>{"Topics: only for Kafka sources"});
  EXPECT_EQ(problems(R"({"FunctionName": "f",
      "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1"})"),
            (std::vector<std::string>{"Topics: is required for a Kafka source",
                                      "StartingPosition: is required for a Kafka source"}));
  EXPECT_EQ(
      problems(R"({"FunctionName": "f", "StartingPosition": "LATEST",
      "EventSourceArn": "arn:aws:mq:us-east-1:123456789012:broker:b:b-1"})"),
      (std::vector<std::string>{"StartingPosition: only for Kinesis and DynamoDB stream sources",
                                "Queues: is required for an Amazon MQ source"}));
  EXPECT_EQ(problems(R"({"FunctionName": "f", "Topics": ["t"], "StartingPosition": "LATEST",
      "SelfManagedEventSource": {"Endpoints": {"KafkaBootstrapServers": ["b:9092"]}},
      "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1"})"),
            std::vector<std::string>{
                "SelfManagedEventSource: a self-managed Kafka source has no EventSourceArn"});
  EXPECT_EQ(problems(R"({"FunctionName": "f", "Topics": ["t"], "StartingPosition": "LATEST",
      "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1",
      "DocumentDBEventSourceConfig": {"DatabaseName": "d"},
      "ProvisionedPollerConfig": {"MaximumPollers": 5000}})"),
            (std::vector<std::string>{
                "DocumentDBEventSourceConfig: only for DocumentDB sources",
                "ProvisionedPollerConfig.MaximumPollers: must be between 1 and 2000, got 5000"}));
  EXPECT_EQ(problems(R"({"FunctionName": "f"})"),
            std::vector<std::string>{"EventSourceArn: is required (or SelfManagedEventSource for "
                                     "a self-managed Kafka cluster)"});
}

}  // namespace
}  // namespace driftless::testing

// A permission's EventSourceToken and InvokedViaFunctionUrl: moto records
// neither in the function policy (docs/manifest-reference.md, "What the
// emulator cannot do"); against a stub keeping the policy as Lambda does
// (Condition.StringEquals."lambda:EventSourceToken",
// Condition.Bool."lambda:InvokedViaFunctionUrl").
namespace driftless::testing {
namespace {

struct PolicyWire {
  Value statement;  // the one statement of the function's policy; null = none
  HttpStub stub{[this](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    if (r.method == "POST") {
      Value body = *Value::fromJson(r.body);
      statement = Value::object();
      statement["Sid"] = *body.find("StatementId");
      statement["Effect"] = Value("Allow");
      statement["Action"] = *body.find("Action");
      statement["Principal"] = Value::object();
      statement["Principal"]["Service"] = *body.find("Principal");
      statement["Resource"] = Value("arn:aws:lambda:us-east-1:123456789012:function:orders");
      if (const Value* t = body.find("EventSourceToken"))
        statement["Condition"]["StringEquals"]["lambda:EventSourceToken"] = *t;
      if (const Value* u = body.find("InvokedViaFunctionUrl"))
        statement["Condition"]["Bool"]["lambda:InvokedViaFunctionUrl"] =
            Value(u->asBool() ? "true" : "false");
      out.status = 201;
      out.body = R"({"Statement": "{}"})";
    } else if (r.method == "DELETE") {
      statement = Value();
      out.status = 204;
    } else if (statement.isNull()) {
      out.status = 404;
      out.headers.emplace_back("x-amzn-errortype", "ResourceNotFoundException");
      out.body =
          R"({"Type": "User", "message": "No policy is associated with the given resource."})";
    } else {
      Value policy = Value::object();
      policy["Version"] = Value("2012-10-17");
      policy["Statement"] = Value::array();
      policy["Statement"].push(statement);
      Value answer = Value::object();
      answer["Policy"] = Value(policy.toJson());
      answer["RevisionId"] = Value("r-1");
      out.body = answer.toJson();
    }
    return out;
  }};
  std::vector<Value> added() const {
    std::vector<Value> out;
    for (const auto& r : stub.requests())
      if (r.method == "POST") out.push_back(*Value::fromJson(r.body));
    return out;
  }
};

TEST(LambdaPermissionWire, EventSourceTokenAndInvokedViaFunctionUrl) {
  struct Case {
    const char* properties;
    const char* property;
    Value sent;       // in AddPermission's body
    Value outOfBand;  // the condition's value after a change by hand
  };
  const Case cases[] = {
      {R"({"FunctionName": "orders", "Action": "lambda:InvokeFunction",
          "Principal": "alexa-connectedhome.amazon.com",
          "EventSourceToken": "amzn1.ask.skill.1234"})",
       "EventSourceToken", Value("amzn1.ask.skill.1234"), Value("amzn1.ask.skill.9999")},
      {R"({"FunctionName": "orders", "Action": "lambda:InvokeFunction",
          "Principal": "lambda.amazonaws.com", "InvokedViaFunctionUrl": "true"})",
       "InvokedViaFunctionUrl", Value(true), Value("false")},
  };
  for (const auto& c : cases) {
    PolicyWire wire;
    Harness h("AWS::Lambda::Permission", Harness::Options{.endpoint = wire.stub.url()});
    Desired d = h.desired("Allow", *Value::fromJson(c.properties));
    EXPECT_TRUE(h.p().info().validate(d.properties).empty()) << c.property;
    Observed live = h.create(d);
    ASSERT_EQ(wire.added().size(), 1u);
    EXPECT_EQ(*wire.added()[0].find(c.property), c.sent) << c.property;
    ASSERT_TRUE(live.exists) << c.property;
    EXPECT_TRUE(h.p().diff(d, live).empty())
        << ::testing::PrintToString(paths(h.p().diff(d, live)));

    // Changed by hand: drift, and (Lambda cannot change a statement) a replace:
    // removed, then added again as the manifest says.
    const std::string op = c.sent.isBool() ? "Bool" : "StringEquals";
    const std::string key = "lambda:" + std::string(c.property);
    wire.statement["Condition"][op][key] = c.outOfBand;
    d.physicalId = live.physicalId;
    live = h.observe(d);
    EXPECT_EQ(paths(h.p().diff(d, live)), std::vector<std::string>{c.property});
    EXPECT_TRUE(h.p().info().property(c.property)->immutable);
    h.remove(d, live);
    live = h.create(d);
    ASSERT_EQ(wire.added().size(), 2u);
    EXPECT_EQ(*wire.added()[1].find(c.property), c.sent);
    EXPECT_TRUE(h.p().diff(d, live).empty()) << c.property;
  }
  // A statement without the condition, the manifest with it: drift too.
  PolicyWire wire;
  Harness h("AWS::Lambda::Permission", Harness::Options{.endpoint = wire.stub.url()});
  Desired d = h.desired("Allow", *Value::fromJson(cases[1].properties));
  h.create(d);
  wire.statement.erase("Condition");
  EXPECT_EQ(paths(h.p().diff(d, h.observe(d))), std::vector<std::string>{"InvokedViaFunctionUrl"});
  EXPECT_EQ(h.p().info().validate(*Value::fromJson(R"({"FunctionName": "orders",
      "Action": "lambda:InvokeFunctionUrl", "Principal": "*", "InvokedViaFunctionUrl": true})")),
            std::vector<std::string>{
                "InvokedViaFunctionUrl: only allowed with Action lambda:InvokeFunction"});
}

}  // namespace
}  // namespace driftless::testing
