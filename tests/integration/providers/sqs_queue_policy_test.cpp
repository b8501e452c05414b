// AWS::SQS::QueuePolicy round trip (issue 17): create from a manifest, a clean
// plan right after, out-of-band changes detected as drift and corrected, a
// pushed change applied in place (document and queue list), delete and Retain.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string policy(const std::string& action) {
  return "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
         "          - Effect: Allow\n            Principal: {Service: sns.amazonaws.com}\n"
         "            Action: " +
         action + "\n            Resource: '*'\n";
}

std::string manifest(const std::string& prefix, const std::string& queues,
                     const std::string& action, bool withKeep = true) {
  std::string y = "Resources:\n";
  for (const char* q : {"A", "B", "C"})
    y += std::string("  ") + q +
         ":\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: " + prefix + "-" + q + "}\n";
  y += "  Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: " + queues +
       "\n" + policy(action);
  if (withKeep)
    y += "  Keep:\n    Type: AWS::SQS::QueuePolicy\n    DeletionPolicy: Retain\n"
         "    Properties:\n      Queues: [!Ref C]\n" +
         policy("sqs:SendMessage");
  return y;
}

TEST(SqsQueuePolicy, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  auto policyOf = [&](const std::string& q) {
    return st.boto("sqs", "u = c.get_queue_url(QueueName='" + p + "-" + q +
                              "')['QueueUrl']\n"
                              "print(c.get_queue_attributes(QueueUrl=u, AttributeNames=['Policy'])"
                              ".get('Attributes', {}).get('Policy', 'none'))");
  };
  st.push(manifest(p, "[!Ref A]", "sqs:SendMessage"));
  st.apply();
  EXPECT_NE(policyOf("A").find("sqs:SendMessage"), std::string::npos);
  EXPECT_EQ(policyOf("B"), "none");
  st.expectClean();

  // Out of band: another document on A is drift on PolicyDocument, corrected in place.
  st.boto("sqs", "u = c.get_queue_url(QueueName='" + p +
                     "-A')['QueueUrl']\n"
                     "c.set_queue_attributes(QueueUrl=u, Attributes={'Policy': json.dumps("
                     "{'Version': '2012-10-17', 'Statement': [{'Effect': 'Deny', 'Principal': '*',"
                     " 'Action': 'sqs:*', 'Resource': '*'}]})})");
  st.expectPlanned("Policy", "update", "drift", {"PolicyDocument"});
  st.apply();
  EXPECT_NE(policyOf("A").find("sqs:SendMessage"), std::string::npos);
  st.expectClean();

  // Out of band: the policy removed is a missing resource, created again.
  st.boto("sqs", "u = c.get_queue_url(QueueName='" + p +
                     "-A')['QueueUrl']\nc.set_queue_attributes(QueueUrl=u, Attributes={'Policy': "
                     "''})");
  st.expectPlanned("Policy", "create", "drift");
  st.apply();
  EXPECT_NE(policyOf("A").find("sqs:SendMessage"), std::string::npos);
  st.expectClean();

  // A pushed change: another document on two queues, in place (no replace).
  st.push(manifest(p, "[!Ref A, !Ref B]", "sqs:ReceiveMessage"));
  st.expectPlanned("Policy", "update", "change", {"PolicyDocument", "Queues"});
  st.apply();
  EXPECT_NE(policyOf("A").find("sqs:ReceiveMessage"), std::string::npos);
  EXPECT_NE(policyOf("B").find("sqs:ReceiveMessage"), std::string::npos);
  st.expectClean();

  // A queue dropped from the list: its policy is taken off, the other keeps it.
  st.push(manifest(p, "[!Ref B]", "sqs:ReceiveMessage"));
  st.apply();
  EXPECT_EQ(policyOf("A"), "none");
  EXPECT_NE(policyOf("B").find("sqs:ReceiveMessage"), std::string::npos);
  st.expectClean();

  // Removed from git: deleted (B has no policy), or kept with DeletionPolicy Retain (C).
  std::string queuesOnly = manifest(p, "[!Ref B]", "x", false);
  queuesOnly = queuesOnly.substr(0, queuesOnly.find("  Policy:"));
  st.push(queuesOnly);
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Policy"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_EQ(policyOf("B"), "none");
  EXPECT_NE(policyOf("C").find("sqs:SendMessage"), std::string::npos);
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring

namespace driftless::wiring {
namespace {

// Not taggable: a policy found on a queue that state does not record as this
// resource's is someone else's (a conflict) until the manifest adopts it.
TEST(SqsQueuePolicy, UnrecordedPolicyIsAConflictUntilAdopted) {
  Stack st;
  const std::string p = st.prefix();
  const std::string queue =
      "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: " + p + "-A}\n";
  st.push(queue);
  st.apply();
  st.boto("sqs", "u = c.get_queue_url(QueueName='" + p +
                     "-A')['QueueUrl']\n"
                     "c.set_queue_attributes(QueueUrl=u, Attributes={'Policy': json.dumps("
                     "{'Version': '2012-10-17', 'Statement': [{'Effect': 'Deny', 'Principal': '*',"
                     " 'Action': 'sqs:*', 'Resource': '*'}]})})");
  auto withPolicy = [&](const std::string& metadata) {
    return queue + "  Policy:\n    Type: AWS::SQS::QueuePolicy\n" + metadata +
           "    Properties:\n      Queues: [!Ref A]\n" + policy("sqs:SendMessage");
  };
  st.push(withPolicy(""));
  st.expectPlanned("Policy", "conflict");
  st.push(withPolicy("    Metadata: {driftless: {adopt: true}}\n"));
  st.expectPlanned("Policy", "update");
  st.apply();
  st.expectClean();
  EXPECT_NE(st.boto("sqs", "u = c.get_queue_url(QueueName='" + p +
                               "-A')['QueueUrl']\nprint(c.get_queue_attributes(QueueUrl=u, "
                               "AttributeNames=['Policy'])['Attributes']['Policy'])")
                .find("sqs:SendMessage"),
            std::string::npos);
}

}  // namespace
}  // namespace driftless::wiring
