// Integration tests of providers/sqs/ against a real peer.
#include "tests/integration/providers/harness.h"

namespace driftless::testing {
namespace {

constexpr const char* kType = "AWS::SQS::Queue";

TEST(SqsQueueProvider, CreateObserveDriftRestoreRemove) {
  Harness h(kType);
  const std::string dlqName = uniqueName("orders-dlq");
  // RedriveAllowPolicy is not in this test: moto 5.2 does not store it (it
  // answers InvalidAttributeName), so it cannot round-trip here.
  Desired dlq = h.desired("OrdersDLQ", json(R"({"QueueName": ")" + dlqName + R"("})"));
  Observed dlqLive = h.create(dlq);
  ASSERT_TRUE(dlqLive.exists);
  EXPECT_TRUE(h.p().diff(dlq, dlqLive).empty())
      << ::testing::PrintToString(paths(h.p().diff(dlq, dlqLive)));
  const std::string dlqArn = dlqLive.attributes.find("Arn")->scalarText();
  EXPECT_EQ(dlqArn, "arn:aws:sqs:us-east-1:123456789012:" + dlqName);

  const std::string name = uniqueName("orders");
  Desired d = h.desired("Orders", json(R"({"QueueName": ")" + name + R"(",
      "DelaySeconds": 5, "MaximumMessageSize": 2048, "MessageRetentionPeriod": "345600",
      "ReceiveMessageWaitTimeSeconds": 10, "VisibilityTimeout": 45, "SqsManagedSseEnabled": false,
      "FifoQueue": false,
      "RedrivePolicy": {"deadLetterTargetArn": ")" +
                                       dlqArn + R"(", "maxReceiveCount": 5},
      "Tags": [{"Key": "team", "Value": "payments"}]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));
  EXPECT_TRUE(live.attributes.find("QueueUrl")->scalarText().ends_with("/" + name));
  EXPECT_EQ(*live.attributes.find("QueueName"), Value(name));

  // Observe reads all attributes in one call and the tags; the URL is derived from
  // the endpoint and the account, and is the one CreateQueue returned.
  const std::string createdUrl = live.attributes.find("QueueUrl")->scalarText();
  h.stats().reset();
  live = h.observe(d);
  EXPECT_EQ(h.calls(), (std::map<std::string, std::uint64_t>{{"sqs:GetQueueAttributes", 1},
                                                             {"sqs:ListQueueTags", 1}}));
  EXPECT_EQ(live.attributes.find("QueueUrl")->scalarText(), createdUrl);

  // Someone changes the visibility timeout and the redrive policy with boto3.
  h.outOfBand("sqs",
              "url = c.get_queue_url(QueueName='" + name +
                  "')['QueueUrl']\n"
                  "import json\n"
                  "c.set_queue_attributes(QueueUrl=url, Attributes={'VisibilityTimeout': '10', "
                  "'RedrivePolicy': json.dumps({'deadLetterTargetArn': '" +
                  dlqArn + "', 'maxReceiveCount': 9})})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{"RedrivePolicy", "VisibilityTimeout"}));
  EXPECT_EQ(drift.changes[1].live->scalarText(), "10");

  h.stats().reset();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls()["sqs:SetQueueAttributes"], 1u);
  EXPECT_EQ(h.calls().count("sqs:TagQueue"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // A tags-only change makes only tagging calls (then reads back).
  d.properties["Tags"] =
      json(R"([{"Key": "team", "Value": "orders"}, {"Key": "cost", "Value": "7"}])");
  Delta tagsOnly = h.p().diff(d, live);
  ASSERT_EQ(paths(tagsOnly), std::vector<std::string>{"Tags"});
  h.stats().reset();
  live = h.update(d, live, tagsOnly);
  EXPECT_EQ(h.calls(),
            (std::map<std::string, std::uint64_t>{
                {"sqs:GetQueueAttributes", 1}, {"sqs:ListQueueTags", 1}, {"sqs:TagQueue", 1}}));
  d.properties["Tags"] = json(R"([{"Key": "cost", "Value": "7"}])");
  live = h.update(d, live, h.p().diff(d, live));
  EXPECT_TRUE(h.p().diff(d, live).empty());
  EXPECT_EQ(h.calls()["sqs:UntagQueue"], 1u);
  ASSERT_TRUE(live.owner.has_value());  // ownership tags survive a tag update

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);  // already gone: still success
  h.remove(dlq, dlqLive);
}

// Issue 20: with the cycle's bulk tag snapshot loaded (one Tagging API listing
// for the environment), a queue whose tags are what the manifest wants costs
// one request; a tag changed out of band, or in git, is read from the queue
// itself, so drift is never missed nor invented by the snapshot.
TEST(SqsQueueProvider, TagsComeFromTheBulkSnapshotOnlyWhenTheyAgree) {
  Harness h(kType);
  auto queue = [&](const std::string& logicalId, const std::string& name) {
    return h.desired(logicalId, json(R"({"QueueName": ")" + name + R"(",
        "Tags": [{"Key": "team", "Value": "data"}]})"));
  };
  Desired a = queue("BulkA", uniqueName("bulk-a"));
  Desired b = queue("BulkB", uniqueName("bulk-b"));
  Observed liveA = h.create(a);
  Observed liveB = h.create(b);
  ASSERT_TRUE(liveA.exists && liveB.exists);

  EXPECT_GE(h.loadTagSnapshot({"sqs"}), 1u);
  h.resetStats();
  Observed seen = h.observe(a);
  EXPECT_TRUE(h.p().diff(a, seen).empty()) << ::testing::PrintToString(paths(h.p().diff(a, seen)));
  ASSERT_TRUE(seen.owner.has_value());
  EXPECT_EQ(*seen.owner, h.ctx().ownership(a.id));
  EXPECT_EQ(h.calls().count("sqs:ListQueueTags"), 0u);
  EXPECT_EQ(h.stats().total(), 1u) << "GetQueueAttributes only";

  // Out of band: the snapshot (reloaded) disagrees, the queue's own tags decide.
  h.outOfBand("sqs", "c.tag_queue(QueueUrl=c.get_queue_url(QueueName='" + b.physicalId +
                         "')['QueueUrl'], Tags={'team': 'someone-else'})\n");
  h.loadTagSnapshot({"sqs"});
  h.resetStats();
  seen = h.observe(b);
  EXPECT_EQ(h.calls()["sqs:ListQueueTags"], 1u);
  EXPECT_EQ(paths(h.p().diff(b, seen)), std::vector<std::string>{"Tags"});

  // Changed in git: the snapshot holds the old tags, so the queue is read.
  Desired changed = a;
  changed.properties["Tags"] = json(R"([{"Key": "team", "Value": "platform"}])");
  h.resetStats();
  seen = h.observe(changed);
  EXPECT_EQ(h.calls()["sqs:ListQueueTags"], 1u);
  EXPECT_EQ(paths(h.p().diff(changed, seen)), std::vector<std::string>{"Tags"});

  // No snapshot (a targeted cycle, or the listing failed): per queue, as before.
  h.clearTagSnapshot();
  h.resetStats();
  h.observe(a);
  EXPECT_EQ(h.calls()["sqs:ListQueueTags"], 1u);
  h.remove(a, liveA);
  h.remove(b, liveB);
}

TEST(SqsQueueProvider, FifoQueueWithKmsRoundTrips) {
  Harness h(kType);
  const std::string name = uniqueName("events") + ".fifo";
  Desired d = h.desired("Events", json(R"({"QueueName": ")" + name + R"(", "FifoQueue": true,
      "ContentBasedDeduplication": true, "KmsMasterKeyId": "alias/aws/sqs",
      "KmsDataKeyReusePeriodSeconds": 600, "DeduplicationScope": "messageGroup",
      "FifoThroughputLimit": "perMessageGroupId"})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  h.outOfBand("sqs", "url = c.get_queue_url(QueueName='" + name +
                         "')['QueueUrl']\n"
                         "c.set_queue_attributes(QueueUrl=url, "
                         "Attributes={'ContentBasedDeduplication': 'false'})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"ContentBasedDeduplication"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());
  h.remove(d, live);
}

TEST(SqsQueueProvider, AnUnownedQueueHasNoOwnerAndAdoptAddsTheTags) {
  Harness h(kType);
  const std::string name = uniqueName("adopt-q");
  h.outOfBand("sqs", "c.create_queue(QueueName='" + name + "', tags={'keep': 'me'})\n");
  Desired d = h.desired("Adopted", json(R"({"QueueName": ")" + name + R"(", "DelaySeconds": 3})"));
  Observed live = h.observe(d);
  ASSERT_TRUE(live.exists);
  EXPECT_FALSE(live.owner.has_value());  // reconcile reports a conflict unless adopt
  d.adopt = true;
  live = h.update(d, live, h.p().diff(d, live));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(*live.owner, h.ctx().ownership(d.id));
  EXPECT_TRUE(h.p().diff(d, live).empty());
  // Tags are not managed here, so the existing tag stays.
  EXPECT_NE(live.properties.find("Tags")->toJson().find("\"keep\""), std::string::npos);
  h.remove(d, live);
}

// AWS::SQS::QueueInlinePolicy: one queue's Policy attribute, through the calls
// of AWS::SQS::QueuePolicy.
TEST(SqsQueueInlinePolicyProvider, CreateObserveDriftRestoreRemove) {
  Harness queues(kType);
  Desired q = queues.desired("Orders", json(R"({"QueueName": ")" + uniqueName("inline") + R"("})"));
  Observed queue = queues.create(q);
  ASSERT_TRUE(queue.exists);
  const std::string url = queue.attributes.find("QueueUrl")->scalarText();

  Harness h("AWS::SQS::QueueInlinePolicy");
  const std::string allowSns =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage",
          "Principal": {"Service": "sns.amazonaws.com"}, "Resource": "*"}]})";
  Desired d = h.desired("OrdersPolicy",
                        json(R"({"Queue": ")" + url + R"(", "PolicyDocument": )" + allowSns + "}"));
  EXPECT_FALSE(h.observe(d).exists);
  h.resetStats();
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.physicalId, url) << "the queue's URL is the policy's id (and its Ref)";
  EXPECT_EQ(h.calls(), (std::map<std::string, std::uint64_t>{{"sqs:SetQueueAttributes", 1},
                                                             {"sqs:GetQueueAttributes", 1}}));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Observed as state records it: one read, no diff.
  d.physicalId = live.physicalId;
  h.resetStats();
  live = h.observe(d);
  EXPECT_EQ(h.calls(), (std::map<std::string, std::uint64_t>{{"sqs:GetQueueAttributes", 1}}));
  EXPECT_EQ(*live.properties.find("Queue"), Value(url));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  // Someone replaces the policy with boto3: drift on PolicyDocument, corrected in place.
  h.outOfBand("sqs", "import json\nc.set_queue_attributes(QueueUrl='" + url +
                         "', Attributes={'Policy': json.dumps({'Version': '2012-10-17', "
                         "'Statement': [{'Effect': 'Deny', 'Principal': '*', 'Action': 'sqs:*', "
                         "'Resource': '*'}]})})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"PolicyDocument"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // Someone removes it: the resource is missing, and created again.
  h.outOfBand("sqs", "c.set_queue_attributes(QueueUrl='" + url + "', Attributes={'Policy': ''})\n");
  EXPECT_FALSE(h.observe(d).exists);
  live = h.create(d);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);  // already gone: still success
  queues.remove(q, queue);
  h.remove(d, live);  // its queue gone too: still success
  EXPECT_FALSE(h.observe(d).exists);
}

}  // namespace
}  // namespace driftless::testing
