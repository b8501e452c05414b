// What moto cannot show (docs/manifest-reference.md, "What the emulator cannot
// do"): Lambda refuses to delete a version an alias references with a 409
// ResourceConflictException. Against a stub speaking Lambda's wire format, the
// version provider's delete leaves such a version in place (the replace goes
// on), and fails on any other conflict.
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
  HttpStub stub{[this](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    const std::string path = r.target.substr(0, r.target.find('?'));
    if (path.ends_with("/provisioned-concurrency") && r.method == "GET") {
      out.body = provisioned;
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
