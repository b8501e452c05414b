// Integration tests of providers/dynamodb/ against a real peer.
#include "providers/dynamodb/table.h"
#include "tests/integration/providers/harness.h"

namespace driftless::testing {
namespace dynamodb_table {

constexpr const char* kType = "AWS::DynamoDB::Table";

// dynalite (npm, pinned in package-lock.json): keeps tables CREATING/UPDATING
// for about half a second, which moto does not, so waiting is really exercised.
// One per test binary, started on first use.
class Dynalite {
 public:
  static Dynalite& shared() {
    static Dynalite d;
    return d;
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& error() const { return error_; }

 private:
  Dynalite() {
    auto bin = sourceDir() / "node_modules" / ".bin" / "dynalite";
    if (!std::filesystem::exists(bin)) {
      error_ = bin.string() + " not found (run ./scripts/deps, which runs npm ci)";
      return;
    }
    port_ = freePort();
    log_ = (binaryDir() / ("dynalite-" + std::to_string(::getpid()) + ".log")).string();
    process_ = std::make_unique<Process>(
        std::vector<std::string>{"node", bin.string(), "--host", "127.0.0.1", "--port",
                                 std::to_string(port_)},
        EnvVars{}, log_);
    if (!waitForPort(port_, 20000, process_->pid()))
      error_ = "dynalite did not start on port " + std::to_string(port_) + ": " + process_->log();
  }
  int port_ = 0;
  std::string log_;
  std::string error_;
  std::unique_ptr<Process> process_;
};

Harness::Options dynalite() {
  Harness::Options o;
  o.endpoint = Dynalite::shared().endpoint();
  return o;
}

// dynalite has no streams: the stream is only in the moto tests.
std::string baseTable(const std::string& name, bool stream = true) {
  return R"({"TableName": ")" + name + R"(", "BillingMode": "PROVISIONED",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": "5"},
    "GlobalSecondaryIndexes": [{"IndexName": "by-sk", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
      "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["b", "a"]},
      "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
    )" +
         std::string(stream ? R"("StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},)"
                            : "") +
         R"(
    "Tags": [{"Key": "team", "Value": "payments"}]})";
}

TEST(DynamoDbTableProvider, AllPropertiesRoundTripOnMoto) {
  Harness h(kType);
  const std::string name = uniqueName("orders");
  Desired d = h.desired("Orders", json(baseTable(name)));
  d.properties["TimeToLiveSpecification"] =
      json(R"({"AttributeName": "expires", "Enabled": true})");
  d.properties["PointInTimeRecoverySpecification"] =
      json(R"({"PointInTimeRecoveryEnabled": true})");
  d.properties["SSESpecification"] = json(R"({"SSEEnabled": true, "SSEType": "KMS"})");
  d.properties["DeletionProtectionEnabled"] = Value(true);
  // TableClass is not here: moto 5.2 ignores it (no TableClassSummary), so it cannot round-trip.
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.status, "");
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));
  EXPECT_EQ(*live.attributes.find("Arn"),
            Value("arn:aws:dynamodb:us-east-1:123456789012:table/" + name));
  ASSERT_NE(live.attributes.find("StreamArn"), nullptr);

  // Observe: DescribeTable, tags, and TTL/PITR because the manifest manages them.
  h.stats().reset();
  live = h.observe(d);
  EXPECT_EQ(h.calls(),
            (std::map<std::string, std::uint64_t>{{"dynamodb:DescribeContinuousBackups", 1},
                                                  {"dynamodb:DescribeTable", 1},
                                                  {"dynamodb:DescribeTimeToLive", 1},
                                                  {"dynamodb:ListTagsOfResource", 1}}));

  // Out-of-band: TTL off, PITR off, throughput raised.
  h.outOfBand("dynamodb",
              "c.update_time_to_live(TableName='" + name +
                  "', TimeToLiveSpecification={'Enabled': False, 'AttributeName': 'expires'})\n"
                  "c.update_continuous_backups(TableName='" +
                  name +
                  "', PointInTimeRecoverySpecification={'PointInTimeRecoveryEnabled': False})\n"
                  "c.update_table(TableName='" +
                  name +
                  "', ProvisionedThroughput={'ReadCapacityUnits': 9, 'WriteCapacityUnits': 5})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift),
            (std::vector<std::string>{"PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
                                      "ProvisionedThroughput.ReadCapacityUnits",
                                      "TimeToLiveSpecification.AttributeName",
                                      "TimeToLiveSpecification.Enabled"}));
  h.stats().reset();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls()["dynamodb:UpdateTable"], 1u);
  EXPECT_EQ(h.calls()["dynamodb:UpdateTimeToLive"], 1u);
  EXPECT_EQ(h.calls()["dynamodb:UpdateContinuousBackups"], 1u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // Tags only: tagging calls only.
  d.properties["Tags"] = json(R"([{"Key": "cost", "Value": "1"}])");
  Delta tagsOnly = h.p().diff(d, live);
  ASSERT_EQ(paths(tagsOnly), std::vector<std::string>{"Tags"});
  h.stats().reset();
  live = h.update(d, live, tagsOnly);
  for (const auto& [op, n] : h.calls())
    EXPECT_TRUE(op == "dynamodb:TagResource" || op == "dynamodb:UntagResource" ||
                op.starts_with("dynamodb:Describe") || op == "dynamodb:ListTagsOfResource")
        << "a tags-only change called " << op;
  EXPECT_EQ(h.calls()["dynamodb:TagResource"], 1u);
  EXPECT_EQ(h.calls()["dynamodb:UntagResource"], 1u);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  // Deletion protection blocks remove until the manifest turns it off.
  auto refused = h.run(h.p().remove(d, live));
  EXPECT_FALSE(refused.has_value());
  d.properties["DeletionProtectionEnabled"] = Value(false);
  live = h.update(d, live, h.p().diff(d, live));
  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

TEST(DynamoDbTableProvider, KeySchemaIsImmutable) {
  const TypeInfo* info = builtinRegistry().info(kType);
  ASSERT_NE(info, nullptr);
  EXPECT_TRUE(info->property("KeySchema")->immutable);
}

TEST(DynamoDbTableProvider, WaitsForActiveOnDynalite) {
  ASSERT_EQ(Dynalite::shared().error(), "");
  Harness h(kType, dynalite());
  const std::string name = uniqueName("dyn");
  Desired d = h.desired("Dyn", json(baseTable(name, false)));
  h.stats().reset();
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  // dynalite keeps the table CREATING for ~0.5 s: create polled until ACTIVE.
  EXPECT_EQ(live.status, "");
  EXPECT_GT(h.calls()["dynamodb:DescribeTable"], 2u);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));

  // Throughput of the table and of its index raised: one UpdateTable each,
  // waiting for UPDATING to end before the next and before returning.
  d.properties["ProvisionedThroughput"] =
      json(R"({"ReadCapacityUnits": 7, "WriteCapacityUnits": 5})");
  d.properties["GlobalSecondaryIndexes"].asArray()[0]["ProvisionedThroughput"] =
      json(R"({"ReadCapacityUnits": 2, "WriteCapacityUnits": 1})");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), (std::vector<std::string>{"GlobalSecondaryIndexes",
                                                     "ProvisionedThroughput.ReadCapacityUnits"}));
  h.stats().reset();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["dynamodb:UpdateTable"], 2u);
  EXPECT_GT(h.calls()["dynamodb:DescribeTable"], 3u);  // polled through UPDATING
  EXPECT_EQ(live.status, "");
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  h.remove(d, live);
  h.remove(d, live);
}

// dynalite ignores index Create/Delete, so adding and removing indexes runs on moto.
TEST(DynamoDbTableProvider, IndexesAreAddedAndRemovedOnePerUpdate) {
  Harness h(kType);
  const std::string name = uniqueName("gsi");
  Desired d = h.desired("Gsi", json(baseTable(name)));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  d.properties["GlobalSecondaryIndexes"] = json(R"([
    {"IndexName": "by-pk-all", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}},
    {"IndexName": "by-sk-keys", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "KEYS_ONLY"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}])");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"GlobalSecondaryIndexes"});
  h.stats().reset();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls()["dynamodb:UpdateTable"], 3u);  // one delete, two creates
  EXPECT_EQ(live.status, "");
  EXPECT_TRUE(h.p().diff(d, live).empty())
      << ::testing::PrintToString(paths(h.p().diff(d, live)))
      << " live: " << live.properties.find("GlobalSecondaryIndexes")->toJson();
  h.remove(d, live);
}

TEST(DynamoDbTableProvider, ObserveReportsCreatingOnDynalite) {
  ASSERT_EQ(Dynalite::shared().error(), "");
  Harness h(kType, dynalite());
  const std::string name = uniqueName("creating");
  Desired d = h.desired("Creating",
                        json(R"({"TableName": ")" + name + R"(", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})"));
  // Someone else starts the table; observe right away sees it CREATING.
  Value req = json(R"({"TableName": ")" + name + R"(", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})");
  auto started = h.run(h.ctx().aws->json("dynamodb", "CreateTable", req));
  ASSERT_TRUE(started.has_value()) << started.error().describe();
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.status, "CREATING");
  EXPECT_FALSE(live.owner.has_value());
  // Adopting it waits until it is ACTIVE, then tags it.
  d.adopt = true;
  live = h.update(d, live, h.p().diff(d, live));
  EXPECT_EQ(live.status, "");
  ASSERT_TRUE(live.owner.has_value());
  h.remove(d, live);
}

}  // namespace dynamodb_table
}  // namespace driftless::testing

// AWS::DynamoDB::Table LocalSecondaryIndexes (issue 14): created with the table,
// observed back (order and NonKeyAttributes order do not matter), and a change
// is a replace (DynamoDB cannot change local indexes after creation).
namespace driftless::testing {
namespace dynamodb_lsi {

std::string tableWithLsi(const std::string& name, const std::string& projection) {
  return R"({"TableName": ")" + name + R"(", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "S"},
                             {"AttributeName": "at", "AttributeType": "N"},
                             {"AttributeName": "by", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "LocalSecondaryIndexes": [
      {"IndexName": "by-user", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                             {"AttributeName": "by", "KeyType": "RANGE"}],
       "Projection": {"ProjectionType": "KEYS_ONLY"}},
      {"IndexName": "by-time", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                             {"AttributeName": "at", "KeyType": "RANGE"}],
       "Projection": )" +
         projection + R"(}]})";
}

TEST(DynamoDbTableProvider, LocalSecondaryIndexesRoundTripAndReplace) {
  Harness h("AWS::DynamoDB::Table");
  const std::string name = uniqueName("lsi");
  Desired d = h.desired(
      "T",
      json(tableWithLsi(name, R"({"ProjectionType": "INCLUDE", "NonKeyAttributes": ["z", "a"]})")));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  const Value* lsis = live.properties.find("LocalSecondaryIndexes");
  ASSERT_TRUE(lsis && lsis->isArray());
  ASSERT_EQ(lsis->size(), 2u);
  EXPECT_EQ(*lsis->asArray()[0].find("IndexName"), Value("by-time"));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // A changed projection: a difference on LocalSecondaryIndexes, which is immutable
  // (the plan replaces the table; refused unless allowReplace).
  Desired changed = h.desired("T", json(tableWithLsi(name, R"({"ProjectionType": "ALL"})")));
  Delta delta = h.p().diff(changed, live);
  ASSERT_FALSE(delta.empty());
  for (const auto& c : delta.changes)
    EXPECT_TRUE(c.path.starts_with("LocalSecondaryIndexes")) << c.path;
  EXPECT_TRUE(h.p().info().property("LocalSecondaryIndexes")->immutable);

  // Replace = delete + create with the new index.
  h.remove(d, live);
  live = h.create(changed);
  EXPECT_TRUE(h.p().diff(changed, live).empty());
  h.remove(changed, live);
}

}  // namespace dynamodb_lsi
}  // namespace driftless::testing

// AWS::DynamoDB::Table WarmThroughput and ResourcePolicy (issue 14): create,
// no-op, out-of-band change → drift → corrected, change → only its call.
namespace driftless::testing {
namespace dynamodb_warm_policy {

std::string policy(const std::string& name, const std::string& action) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": ")" +
         action + R"(", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/)" + name +
         R"("}]})";
}

TEST(DynamoDbTableProvider, WarmThroughputAndResourcePolicyRoundTripOnMoto) {
  Harness h("AWS::DynamoDB::Table");
  const std::string name = uniqueName("warm");
  auto props = [&](int reads, const std::string& action) {
    Value v = json(R"({"TableName": ")" + name + R"(", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "WarmThroughput": {"ReadUnitsPerSecond": )" +
                   std::to_string(reads) + R"(, "WriteUnitsPerSecond": 4000}})");
    v["ResourcePolicy"]["PolicyDocument"] = json(policy(name, action));
    return v;
  };
  Desired d = h.desired("Warm", props(12000, "dynamodb:GetItem"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.findPath("WarmThroughput.ReadUnitsPerSecond"), Value(12000));
  EXPECT_NE(live.properties.findPath("ResourcePolicy.PolicyDocument"), nullptr);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + name;
  h.outOfBand("dynamodb",
              "import json\n"
              "c.update_table(TableName='" +
                  name +
                  "', WarmThroughput={'ReadUnitsPerSecond': 13000, "
                  "'WriteUnitsPerSecond': 4000})\n"
                  "c.put_resource_policy(ResourceArn='" +
                  arn + "', Policy=json.dumps(" + policy(name, "dynamodb:Query") + "))\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{"ResourcePolicy.PolicyDocument",
                                                    "WarmThroughput.ReadUnitsPerSecond"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // A policy change is one PutResourcePolicy and no UpdateTable.
  Desired changed = h.desired("Warm", props(12000, "dynamodb:Scan"));
  Delta delta = h.p().diff(changed, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{"ResourcePolicy.PolicyDocument"});
  h.stats().reset();
  live = h.update(changed, live, delta);
  EXPECT_EQ(h.calls()["dynamodb:PutResourcePolicy"], 1u);
  EXPECT_EQ(h.calls().count("dynamodb:UpdateTable"), 0u);
  h.outOfBand("dynamodb",
              "import json\n"
              "p = json.loads(c.get_resource_policy(ResourceArn='" +
                  arn +
                  "')['Policy'])\n"
                  "assert p['Statement'][0]['Action'] == 'dynamodb:Scan', p\n");
  EXPECT_TRUE(h.p().diff(changed, h.observe(changed)).empty());

  h.remove(changed, live);
  EXPECT_FALSE(h.observe(changed).exists);
}

}  // namespace dynamodb_warm_policy
}  // namespace driftless::testing

// AWS::DynamoDB::Table OnDemandThroughput and ContributorInsightsSpecification
// (issue 14). moto 5.2.1 ignores OnDemandThroughput (DescribeTable never reports
// it) and has no Contributor Insights API: observe, drift, create and update are
// checked on the wire format against a stub answering as DynamoDB does.
#include "tests/support/http_stub.h"

namespace driftless::testing {
namespace dynamodb_wire {

struct DynamoStub {
  int maxReads = 100;
  std::string insights = "ENABLED";
  std::string mode = "ACCESSED_AND_THROTTLED_KEYS";
  std::string kinesis;  // KinesisDataStreamDestinations' JSON entries
  HttpStub stub{[this](const StubRequest& r) { return answer(r); }};

  static std::string op(const StubRequest& r) {
    auto it = r.headers.find("x-amz-target");
    return it == r.headers.end() ? "" : it->second.substr(it->second.find('.') + 1);
  }
  StubResponse answer(const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.0"}};
    const std::string table = R"({"TableName": "t", "TableStatus": "ACTIVE",
        "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/t",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
        "OnDemandThroughput": {"MaxReadRequestUnits": )" +
                              std::to_string(maxReads) + R"(, "MaxWriteRequestUnits": 40}})";
    std::string o = op(r);
    if (o == "DescribeTable")
      out.body = R"({"Table": )" + table + "}";
    else if (o == "CreateTable" || o == "UpdateTable")
      out.body = R"({"TableDescription": )" + table + "}";
    else if (o == "ListTagsOfResource")
      out.body = R"({"Tags": []})";
    else if (o == "DescribeKinesisStreamingDestination")
      out.body = R"({"TableName": "t", "KinesisDataStreamDestinations": [)" + kinesis + "]}";
    else if (o == "DescribeContributorInsights")
      out.body = R"({"TableName": "t", "ContributorInsightsStatus": ")" + insights +
                 R"(", "ContributorInsightsMode": ")" + mode + R"("})";
    else
      out.body = "{}";
    return out;
  }
  std::vector<Value> sent(const std::string& operation) const {
    std::vector<Value> out;
    for (const auto& r : stub.requests())
      if (op(r) == operation) out.push_back(json(r.body));
    return out;
  }
};

Value table(int maxReads, const std::string& mode) {
  return json(R"({"TableName": "t", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
      "OnDemandThroughput": {"MaxReadRequestUnits": )" +
              std::to_string(maxReads) + R"(, "MaxWriteRequestUnits": "40"},
      "ContributorInsightsSpecification": {"Enabled": true, "Mode": ")" +
              mode + R"("}})");
}

TEST(DynamoDbTableProvider, OnDemandThroughputAndContributorInsightsOnTheWire) {
  DynamoStub ddb;
  Harness h("AWS::DynamoDB::Table", Harness::Options{.endpoint = ddb.stub.url()});
  Desired d = h.desired("T", table(100, "ACCESSED_AND_THROTTLED_KEYS"));
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Changed out of band: drift on exactly those fields; the update sends only them.
  ddb.maxReads = 50;
  ddb.insights = "DISABLED";
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{"ContributorInsightsSpecification.Enabled",
                                                    "OnDemandThroughput.MaxReadRequestUnits"}));
  h.update(d, live, drift);
  EXPECT_EQ(ddb.sent("UpdateTable"), (std::vector<Value>{json(R"({"TableName": "t",
      "OnDemandThroughput": {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 40}})")}));
  EXPECT_EQ(ddb.sent("UpdateContributorInsights"),
            (std::vector<Value>{json(R"({"TableName": "t", "ContributorInsightsAction": "ENABLE",
                "ContributorInsightsMode": "ACCESSED_AND_THROTTLED_KEYS"})")}));

  // Turning Contributor Insights off is DISABLE, without a mode.
  ddb.maxReads = 100;
  ddb.insights = "ENABLED";
  Desired off = d;
  off.properties["ContributorInsightsSpecification"] = json(R"({"Enabled": false})");
  live = h.observe(off);
  h.update(off, live, h.p().diff(off, live));
  EXPECT_EQ(ddb.sent("UpdateContributorInsights").back(),
            json(R"({"TableName": "t", "ContributorInsightsAction": "DISABLE"})"));
  EXPECT_EQ(ddb.sent("UpdateTable").size(), 1u);
}

TEST(DynamoDbTableProvider, CreateSendsOnDemandThroughputAndEnablesInsights) {
  DynamoStub ddb;
  Harness h("AWS::DynamoDB::Table", Harness::Options{.endpoint = ddb.stub.url()});
  Desired d = h.desired("T", table(100, "THROTTLED_KEYS"));
  h.create(d);
  auto create = ddb.sent("CreateTable");
  ASSERT_EQ(create.size(), 1u);
  EXPECT_EQ(*create[0].find("OnDemandThroughput"),
            json(R"({"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 40})"));
  EXPECT_EQ(ddb.sent("UpdateContributorInsights"),
            (std::vector<Value>{json(R"({"TableName": "t", "ContributorInsightsAction": "ENABLE",
                "ContributorInsightsMode": "THROTTLED_KEYS"})")}));
}

// KinesisStreamSpecification (issue 14): moto 5.2.1 has no Kinesis streaming
// destinations; checked on the wire.
TEST(DynamoDbTableProvider, KinesisStreamSpecificationOnTheWire) {
  DynamoStub ddb;
  Harness h("AWS::DynamoDB::Table", Harness::Options{.endpoint = ddb.stub.url()});
  const std::string a = "arn:aws:kinesis:us-east-1:123456789012:stream/a";
  const std::string b = "arn:aws:kinesis:us-east-1:123456789012:stream/b";
  auto props = [&](const std::string& stream, const std::string& precision) {
    Value v = json(R"({"TableName": "t", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})");
    v["KinesisStreamSpecification"]["StreamArn"] = Value(stream);
    v["KinesisStreamSpecification"]["ApproximateCreationDateTimePrecision"] = Value(precision);
    return v;
  };
  Desired d = h.desired("T", props(a, "MICROSECOND"));
  h.create(d);
  EXPECT_EQ(ddb.sent("EnableKinesisStreamingDestination"),
            (std::vector<Value>{json(R"({"TableName": "t", "StreamArn": ")" + a + R"(",
                "EnableKinesisStreamingConfiguration":
                  {"ApproximateCreationDateTimePrecision": "MICROSECOND"}})")}));

  ddb.kinesis = R"({"StreamArn": ")" + a + R"(", "DestinationStatus": "ACTIVE",
      "ApproximateCreationDateTimePrecision": "MICROSECOND"},
      {"StreamArn": ")" +
                b + R"(", "DestinationStatus": "DISABLED"})";
  Observed live = h.observe(d);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // The same stream, another precision: one update.
  Desired precise = h.desired("T", props(a, "MILLISECOND"));
  Delta delta = h.p().diff(precise, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{
                              "KinesisStreamSpecification.ApproximateCreationDateTimePrecision"});
  h.update(precise, live, delta);
  EXPECT_EQ(ddb.sent("UpdateKinesisStreamingDestination"),
            (std::vector<Value>{json(R"({"TableName": "t", "StreamArn": ")" + a + R"(",
                "UpdateKinesisStreamingConfiguration":
                  {"ApproximateCreationDateTimePrecision": "MILLISECOND"}})")}));

  // Another stream: the live one disabled, then the new one enabled.
  Desired other = h.desired("T", props(b, "MICROSECOND"));
  delta = h.p().diff(other, live);
  h.update(other, live, delta);
  EXPECT_EQ(ddb.sent("DisableKinesisStreamingDestination"),
            (std::vector<Value>{json(R"({"TableName": "t", "StreamArn": ")" + a + R"("})")}));
  EXPECT_EQ(ddb.sent("EnableKinesisStreamingDestination").back(),
            json(R"({"TableName": "t", "StreamArn": ")" + b + R"(",
                "EnableKinesisStreamingConfiguration":
                  {"ApproximateCreationDateTimePrecision": "MICROSECOND"}})"));

  // Turned off out of band: drift.
  ddb.kinesis = R"({"StreamArn": ")" + b + R"(", "DestinationStatus": "DISABLED"})";
  EXPECT_EQ(paths(h.p().diff(other, h.observe(other))),
            std::vector<std::string>{"KinesisStreamSpecification"});
}

}  // namespace dynamodb_wire
}  // namespace driftless::testing
