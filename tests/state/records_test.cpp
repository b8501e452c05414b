#include "state/records.h"

#include "state/crypto.h"

#include <gtest/gtest.h>

#include <limits>

#include "tests/state/store_test_util.h"

namespace driftless::state {
namespace {

using testutil::at;
using testutil::sampleState;

std::string checksumOf(const Value& docWithoutChecksum) {
  return detail::sha256Hex(docWithoutChecksum.toJson());
}

TEST(StateJson, RoundTripsWithEveryField) {
  EnvironmentState st = sampleState("dev", "abcdef1234");
  st.stacks["queues"].resources["OrdersQueue"].properties["Secret"] =
      "hmac-sha256:" + std::string(64, 'a');
  auto back = stateFromJson(stateToJson(st), "state.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(stateToValue(*back), stateToValue(st));
  EXPECT_EQ(back->version, 1);
  EXPECT_EQ(back->account, "123456789012");
  EXPECT_TRUE(back->sameContent(st));
}

// The daemon keeps the state it wrote instead of reading it back
// (ObjectStore::keepState): normaliseAsRead must make it what the read would give.
TEST(StateJson, NormalisedAsReadIsWhatAReadOfItsTextGives) {
  EnvironmentState st = sampleState("dev", "abcdef1234");
  st.version = 0;  // read back as the current version
  auto& props = st.stacks["queues"].resources["OrdersQueue"].properties;
  props["Third"] = 1.0 / 3.0;
  props["Whole"] = 5.0;  // stays a double ("5.0")
  props["Tiny"] = 5e-324;
  props["Huge"] = 1.7976931348623157e308;
  props["Nested"]["List"].push(Value(2.5e-8));
  props["Nested"]["Inf"] = std::numeric_limits<double>::infinity();  // written as null
  st.stacks["queues"].resources["OrdersDLQ"].deletionPolicy = "";    // read as Delete
  st.stacks["queues"].outputs["Rate"].value = 1.0 / 3.0;
  st.localCopy = true;
  st.kept = true;
  const std::string lease = "controller-a flock:0123456789abcdef";
  st.lease = lease;  // what the fenced write named (ObjectStore::keepState sets it)

  auto read = stateFromJson(stateToJson(st, lease), "state.json");
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_TRUE(normaliseAsRead(st));
  EXPECT_EQ(stateToJson(st), stateToJson(*read));
  EXPECT_EQ(st.version, read->version);
  EXPECT_EQ(st.lease, read->lease);
  EXPECT_FALSE(st.localCopy);
  EXPECT_FALSE(st.kept);
  EXPECT_TRUE(st.sameContent(*read));
  // Member by member, with the values' types (Int 5 == Double 5.0 for Value's ==).
  const auto& a = st.stacks.at("queues").resources.at("OrdersQueue").properties;
  const auto& b = read->stacks.at("queues").resources.at("OrdersQueue").properties;
  for (const auto& [key, value] : b.asObject()) {
    ASSERT_NE(a.find(key), nullptr) << key;
    EXPECT_EQ(a.find(key)->type(), value.type()) << key;
    EXPECT_EQ(a.find(key)->toJson(), value.toJson()) << key;
  }
  EXPECT_TRUE(a.find("Nested")->find("Inf")->isNull());
  EXPECT_EQ(st.stacks.at("queues").resources.at("OrdersDLQ").deletionPolicy, "Delete");
}

// Value's JSON writer prints some 17-digit doubles so that the reader returns
// another double, which prints differently: the checksum fails and the file
// reads as corrupt. normaliseAsRead says so (a kept copy would hide it).
// A 17-digit double (350.89811378291955) made state.json read as corrupt: the
// reader moved it by an ulp and the checksum did not verify. Value now reads
// numbers exactly, so the file reads back and the kept copy is kept.
TEST(StateJson, ASeventeenDigitDoubleReadsBackAndIsKept) {
  EnvironmentState st = sampleState("dev", "abcdef1234");
  st.stacks["queues"].resources["OrdersQueue"].properties["Ratio"] = 350.89811378291955;
  auto read = stateFromJson(stateToJson(st), "state.json");
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(read->stacks["queues"].resources["OrdersQueue"].properties["Ratio"].asDouble(),
            350.89811378291955);
  EXPECT_TRUE(normaliseAsRead(st));
  EXPECT_TRUE(read->sameContent(st));
}

TEST(StateJson, PoliciesRoundTripAndDefaultsStayOutOfTheFile) {
  EnvironmentState st = sampleState("dev", "abcdef1234");
  auto& q = st.stacks["queues"].resources["OrdersQueue"];
  q.updateReplacePolicy = "Retain";
  q.adopt = true;
  q.allowReplace = true;
  std::string text = stateToJson(st);
  auto back = stateFromJson(text, "state.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_TRUE(back->sameContent(st));
  const auto* r = back->find({"queues", "OrdersQueue"});
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->updateReplacePolicy, "Retain");
  EXPECT_TRUE(r->adopt);
  EXPECT_TRUE(r->allowReplace);
  // The DLQ keeps every default: none of the new keys is written for it.
  Value doc = stateToValue(*back);
  const Value* dlq = doc.findPath("stacks.queues.resources.OrdersDLQ");
  ASSERT_NE(dlq, nullptr);
  EXPECT_EQ(dlq->find("updateReplacePolicy"), nullptr);
  EXPECT_EQ(dlq->find("adopt"), nullptr);
  // A policy change alone is a change of content; the timestamp is not.
  EnvironmentState later = *back;
  later.timestamp = "2030-01-01T00:00:00Z";
  EXPECT_TRUE(later.sameContent(*back));
  later.stacks["queues"].resources["OrdersDLQ"].deletionPolicy = "Retain";
  EXPECT_FALSE(later.sameContent(*back));
}

TEST(StateJson, RoundTripsStackOutputs) {
  EnvironmentState st = sampleState("dev", "abcdef1234");
  st.stacks["queues"].outputs["QueueArn"] =
      AppliedOutput{Value("arn:aws:sqs:eu-west-1:123456789012:orders-dev"), "queues-arn",
                    "where orders go", false};
  st.stacks["queues"].outputs["Password"] = AppliedOutput{Value("(secret)"), "", "", true};
  std::string text = stateToJson(st);
  EXPECT_NE(text.find("\"export\": \"queues-arn\""), std::string::npos) << text;
  auto back = stateFromJson(text, "state.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->stacks["queues"].outputs, st.stacks["queues"].outputs);
  // A stack without outputs writes none (older state files read the same).
  EXPECT_EQ(stateToJson(sampleState("dev", "abcdef1234")).find("outputs"), std::string::npos);
}

TEST(StateJson, IsCdkShapedWithAChecksum) {
  auto doc = Value::fromJson(stateToJson(sampleState("dev", "abcdef1")));
  ASSERT_TRUE(doc);
  for (const char* path : {"version", "environment", "region", "account", "timestamp", "commit",
                           "checksum", "stacks.queues.resources.OrdersQueue.type",
                           "stacks.queues.resources.OrdersQueue.physicalId",
                           "stacks.queues.resources.OrdersQueue.properties.QueueName",
                           "stacks.queues.resources.OrdersQueue.attributes.Arn",
                           "stacks.queues.resources.OrdersQueue.dependencies",
                           "stacks.queues.resources.OrdersQueue.commit",
                           "stacks.queues.resources.OrdersQueue.deletionPolicy"}) {
    EXPECT_NE(doc->findPath(path), nullptr) << path;
  }
  EXPECT_TRUE(doc->find("checksum")->asString().starts_with("sha256:"));
}

// state.json is written member by member without copying the state into one
// Value first; its text is byte for byte the whole document's.
TEST(StateJson, TheStreamedTextIsTheWholeDocumentsText) {
  EnvironmentState st = sampleState("dev", "abcdef1234");
  auto& q = st.stacks["queues"].resources["OrdersQueue"];
  q.updateReplacePolicy = "Retain";
  q.adopt = true;
  q.allowReplace = true;
  q.properties["Nested"] =
      Value::fromJson(R"({"b":[1,2.5,true,null,{"z":"\u00e9\n"}],"a":{}})").value();
  st.stacks["queues"].outputs["QueueArn"] = AppliedOutput{Value("arn"), "queues-arn", "d", false};
  st.stacks["other stack"].resources["Empty"].type = "AWS::SNS::Topic";
  st.intents.push_back(CreateIntent{"queues/New", "AWS::SQS::Queue", "new-dev", "c1"});
  for (std::string lease : {"", "holder@host:1 token"}) {
    Value doc = stateToValue(st);
    if (lease.empty())
      doc.erase("lease");
    else
      doc["lease"] = lease;
    doc["checksum"] = "sha256:" + checksumOf(doc);
    EXPECT_EQ(stateToJson(st, lease), doc.toPrettyJson() + "\n") << "lease: " << lease;
  }
  EnvironmentState empty;
  Value doc = stateToValue(empty);
  doc["checksum"] = "sha256:" + checksumOf(doc);
  EXPECT_EQ(stateToJson(empty), doc.toPrettyJson() + "\n");
}

TEST(StateJson, ChecksumIgnoresFormatting) {
  // Re-indented by hand (or by jq) but unchanged: still valid.
  auto doc = Value::fromJson(stateToJson(sampleState("dev", "abcdef1")));
  ASSERT_TRUE(doc);
  EXPECT_TRUE(stateFromJson(doc->toJson(), "state.json"));
  EXPECT_TRUE(stateFromJson(doc->toPrettyJson(4), "state.json"));
}

TEST(StateJson, AMinorVersionOfTheSameMajorIsRead) {
  // A newer writer of the same major adds fields; this reader ignores them.
  Value doc = stateToValue(sampleState("dev", "abcdef1"));
  doc["version"] = "1.3";
  doc["newOptionalField"] = true;
  doc["checksum"] = "sha256:" + checksumOf(doc);
  auto st = stateFromJson(doc.toJson(), "state.json");
  ASSERT_TRUE(st) << st.error().describe();
  EXPECT_EQ(st->version, 1);
  EXPECT_EQ(st->resourceCount(), 2u);
}

TEST(StateJson, DamageIsReportedAsCorrupt) {
  std::string good = stateToJson(sampleState("dev", "abcdef1"));
  auto doc = *Value::fromJson(good);
  Value noChecksum = doc;
  noChecksum.erase("checksum");
  Value badShape = doc;
  badShape["stacks"]["queues"]["resources"]["OrdersQueue"]["dependencies"] = "queues/OrdersDLQ";
  // Recompute the checksum so only the shape is wrong.
  badShape.erase("checksum");
  std::string shaped = badShape.toJson();
  struct Case {
    std::string why;
    std::string text;
  } cases[] = {
      {"truncated", good.substr(0, good.size() - 10)},
      {"no checksum", noChecksum.toJson()},
      {"an array", "[1,2]"},
      {"a value changed",
       [&] {
         Value v = doc;
         v["region"] = "us-east-1";
         return v.toJson();
       }()},
  };
  for (const auto& c : cases) {
    auto r = stateFromJson(c.text, "s3://b/p/dev/state.json");
    ASSERT_FALSE(r) << c.why;
    EXPECT_TRUE(isCorruptState(r.error())) << c.why;
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid) << c.why;
    EXPECT_NE(r.error().message.find("s3://b/p/dev/state.json"), std::string::npos) << c.why;
  }
}

TEST(Versions, ANewerMajorIsRefusedAnOlderOrEqualOneIsRead) {
  struct Case {
    std::string why;
    Value version;
    bool accepted;
  } cases[] = {
      {"current", Value(1), true},
      {"minor of the current major", Value("1.3"), true},
      {"next major", Value(2), false},
      {"next major as text", Value("2.0"), false},
  };
  for (const auto& c : cases) {
    Value doc = Value::object();
    doc["version"] = c.version;
    auto r = checkVersion(doc, 1, "metadata.json");
    EXPECT_EQ(bool(r), c.accepted) << c.why;
    if (!r) {
      EXPECT_EQ(r.error().code, kNewerVersionCode);
      EXPECT_EQ(r.error().message,
                "metadata.json: format version 2 is newer than this driftless reads (1); "
                "upgrade driftless");
    }
  }
  auto m = metadataFromJson(R"({"version": 3, "cycleId": "x"})", "metadata.json");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, kNewerVersionCode);
}

TEST(CycleIds, SortByTimeAndParseBack) {
  TimePoint t = at("2026-11-22T10:15:00Z");
  std::string id = makeCycleId(t, "0123456789abcdef", 3);
  EXPECT_EQ(id, "20261122T101500Z-0123456-3");
  EXPECT_TRUE(isCycleId(id));
  EXPECT_EQ(*cycleIdTime(id), t);
  EXPECT_LT(makeCycleId(t, "fffffff", 9), makeCycleId(t + std::chrono::seconds(1), "0000000", 0));
  EXPECT_EQ(makeCycleId(t, "", 0), "20261122T101500Z-none-0");
  for (const char* bad : {"", "20261122", "20261122T101500Z", "2026-11-22T10:15:00Z-abc-1",
                          "20261122T101500Z-abc-x", "20261122T101500Z-a/b-1"}) {
    EXPECT_FALSE(isCycleId(bad)) << bad;
  }
}

TEST(Timestamps, FormatAndParse) {
  TimePoint t = at("2026-11-22T10:15:00Z");
  EXPECT_EQ(formatTimestamp(t), "2026-11-22T10:15:00Z");
  EXPECT_EQ(*parseTimestamp("2026-11-22T10:15:00.250Z"), t);
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2026-11-22")), "2026-11-22T00:00:00Z");
  for (const char* bad :
       {"", "2026-11-22T10:15:00", "2026-13-01", "22/11/2026", "2026-11-22T10:15:00+02:00"}) {
    EXPECT_FALSE(parseTimestamp(bad)) << bad;
  }
}

TEST(Metadata, RoundTrips) {
  auto rec = testutil::sampleCycle("dev", at("2026-11-22T10:15:00Z"), "abcdef1", 1, true);
  rec.metadata.result = "failed";
  rec.metadata.error = "queues/OrdersQueue: AccessDenied";
  rec.metadata.counts.failed = 1;
  auto back = metadataFromJson(metadataToValue(rec.metadata).toJson(), "metadata.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(metadataToValue(*back), metadataToValue(rec.metadata));
  EXPECT_EQ(back->counts.failed, 1);
}

TEST(Metadata, WrongShapeNamesTheMember) {
  auto m = metadataFromJson(R"({"version":1,"counts":{"created":"many"}})", "x/metadata.json");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("counts"), std::string::npos) << m.error().message;
  m = metadataFromJson(R"({"version":1,"commit":5})", "x/metadata.json");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message, "x/metadata.json: member \"commit\" must be a string, not integer");
}

TEST(Drift, RoundTripsAbsentValues) {
  DriftRecord r;
  r.cycleId = "20261122T101500Z-abcdef1-1";
  r.environment = "dev";
  r.timestamp = "2026-11-22T10:15:00Z";
  DriftEvent missing;
  missing.resource = "queues/OrdersDLQ";
  missing.kind = "missing";
  missing.expected = Value(Value::Object{{"QueueName", "orders-dlq-dev"}});
  r.events.push_back(missing);
  auto back = driftFromJson(driftToValue(r).toJson(), "drift.json");
  ASSERT_TRUE(back) << back.error().describe();
  ASSERT_EQ(back->events.size(), 1u);
  EXPECT_FALSE(back->events[0].live.has_value());
  EXPECT_EQ(back->events[0].kind, "missing");
  EXPECT_EQ(driftToValue(*back), driftToValue(r));
}

TEST(Status, KeepsControllerFieldsItDoesNotKnow) {
  StatusRecord s;
  s.environment = "dev";
  s.extra["branch2"] = "x";
  auto back = statusFromJson(statusToValue(s).toJson(), "status.json");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->extra, s.extra);
}

}  // namespace
}  // namespace driftless::state
