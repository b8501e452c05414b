// AWS::SNS::TopicPolicy round trip (issue 17): create from a manifest, a clean
// plan right after, an out-of-band change detected as drift and corrected, a
// pushed change applied in place, delete (SNS's default policy comes back) and Retain.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string manifest(const std::string& prefix, const std::string& topics,
                     const std::string& principal, bool withPolicies = true) {
  std::string y = "Resources:\n";
  for (const char* t : {"A", "B", "C"})
    y += std::string("  ") + t +
         ":\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: " + prefix + "-" + t + "}\n";
  if (!withPolicies) return y;
  auto policy = [&](const std::string& id, const std::string& list, const std::string& who,
                    bool retain) {
    return "  " + id + ":\n    Type: AWS::SNS::TopicPolicy\n" +
           (retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      Topics: " + list +
           "\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n"
           "            Principal: {Service: " +
           who + "}\n            Action: sns:Publish\n            Resource: '*'\n";
  };
  return y + policy("Policy", topics, principal, false) +
         policy("Keep", "[!Ref C]", "events.amazonaws.com", true);
}

TEST(SnsTopicPolicy, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  auto policyOf = [&](const std::string& t) {
    return st.boto("sns",
                   "print(c.get_topic_attributes(TopicArn='arn:aws:sns:' + region + "
                   "':123456789012:" +
                       p + "-" + t + "')['Attributes']['Policy'])");
  };
  st.push(manifest(p, "[!Ref A]", "s3.amazonaws.com"));
  st.apply();
  EXPECT_NE(policyOf("A").find("s3.amazonaws.com"), std::string::npos);
  EXPECT_NE(policyOf("B").find("__default_policy_ID"), std::string::npos);
  st.expectClean();

  // Out of band: another document on A is drift, corrected in place.
  st.boto("sns", "c.set_topic_attributes(TopicArn='arn:aws:sns:' + region + ':123456789012:" + p +
                     "-A', AttributeName='Policy', AttributeValue=json.dumps({'Statement': "
                     "[{'Effect': 'Deny', 'Principal': '*', 'Action': 'sns:*', 'Resource': "
                     "'*'}]}))");
  st.expectPlanned("Policy", "update", "drift", {"PolicyDocument"});
  st.apply();
  EXPECT_NE(policyOf("A").find("s3.amazonaws.com"), std::string::npos);
  st.expectClean();

  // A pushed change: another principal, and topic B instead of A, in place.
  st.push(manifest(p, "[!Ref B]", "cloudwatch.amazonaws.com"));
  st.expectPlanned("Policy", "update", "change");
  st.apply();
  EXPECT_NE(policyOf("A").find("__default_policy_ID"), std::string::npos);
  EXPECT_NE(policyOf("B").find("cloudwatch.amazonaws.com"), std::string::npos);
  st.expectClean();

  // Removed from git: B gets SNS's default policy back; C keeps its policy (Retain).
  st.push(manifest(p, "", "", false));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Policy"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_NE(policyOf("B").find("__default_policy_ID"), std::string::npos);
  EXPECT_NE(policyOf("C").find("events.amazonaws.com"), std::string::npos);
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
