// Crash safety and what reaches state (issue: reliability under faults), through
// the binary's one-shot `apply`, against moto.
#include <gtest/gtest.h>

#include "tests/e2e/harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::e2e {
namespace {

ConfigOptions devOnly() {
  return ConfigOptions{.environments = {{"dev", true, true}}, .http = false};
}

std::string apply(const Scenario& s, int* rc) {
  return s.cli({"apply", "--config", s.config(), "--env", "dev"}, rc);
}

// The dev environment's state.json as the controller wrote it.
Value devState(const Scenario& s) {
  std::string text = s.python(
      "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "print(c.get_object(Bucket='" +
      s.bucket() + "', Key='driftless/dev/state.json')['Body'].read().decode())");
  auto v = Value::fromJson(text);
  EXPECT_TRUE(v) << text;
  return v ? *v : Value::object();
}

const Value* stateEntry(const Value& state, const std::string& stack, const std::string& id) {
  return state.findPath("stacks." + stack + ".resources." + id);
}

std::string text(const Value* v) {
  return v && v->isString() ? v->asString() : "";
}

// Defect E: a commit that only adds `DeletionPolicy: Retain` makes no AWS call;
// the policy must still reach state, so removing the resource later releases it.
TEST(Reliability, RetainAddedAloneProtectsTheResourceWhenItIsRemoved) {
  Scenario s(devOnly());
  s.push("dev", {{"base.yaml", s.queues({"base"})}, {"keep.yaml", s.queues({"keep"})}});
  int rc = 0;
  std::string out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(text(stateEntry(devState(s), "keep", "keep")->find("deletionPolicy")), "Delete");

  s.push("dev", {{"keep.yaml", s.queues({"keep"}, 30, /*retain=*/true)}});
  out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  const Value* keep = stateEntry(devState(s), "keep", "keep");
  ASSERT_NE(keep, nullptr);
  EXPECT_EQ(text(keep->find("deletionPolicy")), "Retain") << "a policy-only commit reached state";

  s.push("dev", {}, {"keep.yaml"});
  out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.queueName("keep", "dev")), 1) << "released, not deleted: " << out;
  EXPECT_EQ(stateEntry(devState(s), "keep", "keep"), nullptr) << "released from state";
}

// Defect B: resources a killed cycle created (tagged as ours, never written to
// state) are recorded by the next cycle even though it has nothing to execute,
// so a later commit that removes them prunes them instead of leaking them.
TEST(Reliability, ResourcesCreatedByAKilledCycleAreTrackedThenPruned) {
  Scenario s(devOnly());
  s.push("dev", {{"a.yaml", s.queues({"stay", "other"})}, {"b.yaml", s.queues({"leak"})}});
  // What a cycle killed before its state write leaves behind: the queues with
  // their ownership tags, and no state.json.
  for (const auto& [stack, id] : std::vector<std::pair<std::string, std::string>>{
           {"a", "stay"}, {"a", "other"}, {"b", "leak"}})
    s.python("boto3.client('sqs', endpoint_url=ep, region_name=region).create_queue(QueueName='" +
             s.queueName(id, "dev") +
             "', Attributes={'VisibilityTimeout': '30'}, tags={'driftless:controller': '" +
             s.prefix() + "', 'driftless:environment': 'dev', 'driftless:stack': '" + stack +
             "', 'driftless:logical-id': '" + id + "'})");
  int rc = 0;
  std::string out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  Value st = devState(s);
  ASSERT_NE(stateEntry(st, "b", "leak"), nullptr) << "owned and live: recorded " << st.toJson();
  EXPECT_EQ(text(stateEntry(st, "b", "leak")->find("physicalId")).empty(), false);

  s.push("dev", {}, {"b.yaml"});
  out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.queueName("leak", "dev")), 0) << "pruned, not leaked: " << out;
  EXPECT_EQ(s.countQueues(s.queueName("stay", "dev")), 1);
}

// The other per-resource policies a commit may change alone reach state too.
TEST(Reliability, MetadataOnlyCommitsReachState) {
  Scenario s(devOnly());
  s.push("dev", {{"m.yaml", s.queues({"meta"})}});
  int rc = 0;
  std::string out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  const Value* before = stateEntry(devState(s), "m", "meta");
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(before->find("allowReplace"), nullptr);
  EXPECT_EQ(before->find("adopt"), nullptr);

  std::string withMetadata = s.queues({"meta"});
  withMetadata.replace(withMetadata.find("    Properties:"), 0,
                       "    Metadata: {driftless: {adopt: true, allowReplace: true}}\n");
  s.push("dev", {{"m.yaml", withMetadata}});
  out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  const Value* after = stateEntry(devState(s), "m", "meta");
  ASSERT_NE(after, nullptr);
  ASSERT_NE(after->find("allowReplace"), nullptr) << after->toJson();
  EXPECT_TRUE(after->find("allowReplace")->asBool());
  ASSERT_NE(after->find("adopt"), nullptr) << after->toJson();
  EXPECT_TRUE(after->find("adopt")->asBool());
}

// Issue 17: renaming a named resource in git replaces it (with allowReplace):
// the queue under the old name is deleted, never left behind unmanaged; without
// allowReplace nothing is created beside it.
TEST(Reliability, RenamingAQueueReplacesItAndLeavesNothingBehind) {
  Scenario s(devOnly());
  auto manifest = [&](const std::string& name, bool allowReplace) {
    return std::string("Resources:\n  q:\n    Type: AWS::SQS::Queue\n") +
           (allowReplace ? "    Metadata: {driftless: {allowReplace: true}}\n" : "") +
           "    Properties:\n      QueueName: " + s.prefix() + "-" + name + "\n";
  };
  auto physicalIdInState = [&] {
    Value st = devState(s);
    const Value* entry = stateEntry(st, "r", "q");
    return entry ? text(entry->find("physicalId")) : std::string();
  };
  s.push("dev", {{"r.yaml", manifest("before", false)}});
  int rc = 0;
  std::string out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_EQ(s.countQueues(s.prefix() + "-before"), 1) << out;

  s.push("dev", {{"r.yaml", manifest("after", false)}});
  out = apply(s, &rc);
  EXPECT_NE(out.find("allowReplace"), std::string::npos) << out;
  EXPECT_EQ(s.countQueues(s.prefix() + "-after"), 0) << "nothing created beside it\n" << out;
  EXPECT_EQ(s.countQueues(s.prefix() + "-before"), 1) << out;
  EXPECT_EQ(physicalIdInState(), s.prefix() + "-before");

  s.push("dev", {{"r.yaml", manifest("after", true)}});
  out = apply(s, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.prefix() + "-after"), 1) << out;
  EXPECT_EQ(s.countQueues(s.prefix() + "-before"), 0) << "the old queue is not leaked\n" << out;
  EXPECT_EQ(physicalIdInState(), s.prefix() + "-after");
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << "converged\n" << out;
}

// Drift left alone (selfHeal: false) is recorded once, not by every cycle that
// sees it again; status.json keeps when it was first and last seen.
TEST(Reliability, UnchangedDriftIsRecordedOnce) {
  Scenario s(ConfigOptions{.environments = {{"prod", false, false}}, .http = false});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  int rc = 0;
  auto apply = [&] { return s.cli({"apply", "--config", s.config(), "--env", "prod"}, &rc); };
  std::string out = apply();
  ASSERT_EQ(rc, 0) << out;
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "u = c.get_queue_url(QueueName='" +
      s.queueName("orders", "prod") +
      "')['QueueUrl']\n"
      "c.set_queue_attributes(QueueUrl=u, Attributes={'VisibilityTimeout': '99'})");
  for (int i = 0; i < 3; ++i)
    apply();
  auto driftRecords = [&] {
    return s.python(
        "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
        "r = c.list_objects_v2(Bucket='" +
        s.bucket() +
        "', Prefix='driftless/prod/drift/')\n"
        "print(len(r.get('Contents', [])))");
  };
  EXPECT_EQ(driftRecords(), "1") << "three cycles saw it; it is recorded once";
  std::string status = s.python(
      "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "print(c.get_object(Bucket='" +
      s.bucket() + "', Key='driftless/prod/status.json')['Body'].read().decode())");
  auto st = Value::fromJson(status);
  ASSERT_TRUE(st) << status;
  const Value* active = st->find("activeDrift");
  ASSERT_NE(active, nullptr) << status;
  const Value* entry = active->find("orders/orders VisibilityTimeout");
  ASSERT_NE(entry, nullptr) << status;
  EXPECT_NE(entry->find("firstSeen"), nullptr);
  EXPECT_NE(entry->find("lastSeen"), nullptr);
  // A new live value is new drift: recorded again.
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "u = c.get_queue_url(QueueName='" +
      s.queueName("orders", "prod") +
      "')['QueueUrl']\n"
      "c.set_queue_attributes(QueueUrl=u, Attributes={'VisibilityTimeout': '98'})");
  apply();
  EXPECT_EQ(driftRecords(), "2");
}

std::string bucketManifest(const Scenario& s, const std::string& logical) {
  return "Resources:\n  " + logical +
         ":\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: " + s.prefix() + "-" +
         logical + "-dev\n      VersioningConfiguration: {Status: Enabled}\n";
}

// Defect A: a create interrupted after its first call (CreateBucket done, its
// tagging failing past the retries) is completed by the next cycle from the
// create intent recorded before it, not reported as someone else's bucket.
TEST(Reliability, ACreateInterruptedAfterItsFirstCallIsCompletedNextCycle) {
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  Scenario s(ConfigOptions{
      .environments = {{"dev", true, true}}, .http = false, .endpointUrl = proxy.url()});
  const std::string bucket = s.prefix() + "-data-dev";
  s.push("dev", {{"data.yaml", bucketManifest(s, "data")}});
  // The bucket's second PUT is its tagging: fail it, and every retry of it.
  proxy.failNext({.match = {.service = "s3", .method = "PUT", .path = "/" + bucket, .nth = 2},
                  .fault = testing::Fault::InternalError,
                  .count = -1});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_NE(rc, 0) << "the tagging failed: " << out;
  EXPECT_EQ(s.python("print(len([b for b in boto3.client('s3', endpoint_url=ep, "
                     "region_name=region).list_buckets()['Buckets'] if b['Name'] == '" +
                     bucket + "']))"),
            "1")
      << "the bucket exists, untagged";
  Value st = devState(s);
  ASSERT_NE(st.find("intents"), nullptr) << "the create intent is in state: " << st.toJson();

  proxy.clearFaults();
  out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << "completed, not a conflict: " << out;
  EXPECT_EQ(out.find("not owned"), std::string::npos) << out;
  std::string tags = s.python(
      "t = boto3.client('s3', endpoint_url=ep, region_name=region).get_bucket_tagging(Bucket='" +
      bucket + "')['TagSet']\nprint(sorted(x['Key'] for x in t))");
  EXPECT_NE(tags.find("driftless:controller"), std::string::npos) << tags;
  st = devState(s);
  EXPECT_NE(stateEntry(st, "data", "data"), nullptr) << st.toJson();
  EXPECT_EQ(st.find("intents"), nullptr) << "closed once recorded: " << st.toJson();
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;
}

// One resource that cannot be read (its service keeps failing) blocks only
// itself: the rest converges and the cycle ends degraded, not failed.
TEST(Reliability, AnUnreadableResourceLeavesTheRestToConvergeAndTheCycleDegraded) {
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  Scenario s(ConfigOptions{
      .environments = {{"dev", true, true}}, .http = false, .endpointUrl = proxy.url()});
  const std::string bucket = s.prefix() + "-data-dev";
  s.push("dev", {{"data.yaml", bucketManifest(s, "data")}, {"q.yaml", s.queues({"q"})}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  s.push("dev", {{"q.yaml", s.queues({"q"}, 45)}});
  proxy.failNext({.match = {.service = "s3", .path = "/" + bucket},
                  .fault = testing::Fault::InternalError,
                  .count = -1});
  out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("degraded"), std::string::npos) << out;
  EXPECT_NE(out.find("data/data: cannot observe"), std::string::npos) << out;
  EXPECT_EQ(s.queueAttribute(s.queueName("q", "dev"), "VisibilityTimeout"), "45")
      << "the queue converged all the same";
  proxy.clearFaults();
  out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace driftless::e2e
