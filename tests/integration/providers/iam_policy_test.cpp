// AWS::IAM::Policy round trip (issue 17): create from a manifest (on roles and a
// user), a clean plan right after, an out-of-band change detected as drift and
// corrected, a pushed change (renamed, more roles, another document) applied in
// place, delete and Retain.
#include "tests/integration/providers/iam_inline_policy.h"

namespace driftless::wiring {
namespace {

TEST(IamPolicy, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  const std::string user = p + "-user";
  st.boto("iam", "c.create_user(UserName='" + user + "')");
  auto manifest = [&](const std::string& name, const std::string& list, const std::string& act) {
    return roles(p) +
           "  Policy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: " + name +
           "\n      Roles: " + list + "\n      Users: ['" + user + "']\n" + document(act) +
           "  Keep:\n    Type: AWS::IAM::Policy\n    DeletionPolicy: Retain\n    Properties:\n"
           "      PolicyName: keep\n      Roles: [!Ref RoleB]\n" +
           document("sqs:SendMessage");
  };
  st.push(manifest("read", "[!Ref RoleA]", "s3:GetObject"));
  st.apply();
  EXPECT_NE(inlinePolicy(st, "role", p + "-RoleA", "read").find("s3:GetObject"), std::string::npos);
  EXPECT_NE(inlinePolicy(st, "user", user, "read").find("s3:GetObject"), std::string::npos);
  st.expectClean();

  // Out of band: the user's copy rewritten is drift on PolicyDocument, corrected in place.
  st.boto("iam", "c.put_user_policy(UserName='" + user +
                     "', PolicyName='read', PolicyDocument=json.dumps({'Version': '2012-10-17', "
                     "'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))");
  st.expectPlanned("Policy", "update", "drift", {"PolicyDocument"});
  st.apply();
  EXPECT_NE(inlinePolicy(st, "user", user, "read").find("s3:GetObject"), std::string::npos);
  st.expectClean();

  // A pushed change: renamed, on both roles, another document: in place; the old name goes.
  st.push(manifest("read2", "[!Ref RoleA, !Ref RoleB]", "s3:ListBucket"));
  st.expectPlanned("Policy", "update", "change", {"PolicyDocument", "PolicyName", "Roles"});
  st.apply();
  EXPECT_EQ(inlinePolicy(st, "role", p + "-RoleA", "read"), "none");
  EXPECT_EQ(inlinePolicy(st, "user", user, "read"), "none");
  EXPECT_NE(inlinePolicy(st, "role", p + "-RoleA", "read2").find("s3:ListBucket"),
            std::string::npos);
  EXPECT_NE(inlinePolicy(st, "role", p + "-RoleB", "read2").find("s3:ListBucket"),
            std::string::npos);
  EXPECT_NE(inlinePolicy(st, "user", user, "read2").find("s3:ListBucket"), std::string::npos);
  st.expectClean();

  // Removed from git: deleted everywhere; Keep stays (DeletionPolicy Retain).
  st.push(roles(p));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Policy"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_EQ(inlinePolicy(st, "role", p + "-RoleB", "read2"), "none");
  EXPECT_EQ(inlinePolicy(st, "user", user, "read2"), "none");
  EXPECT_NE(inlinePolicy(st, "role", p + "-RoleB", "keep").find("sqs:SendMessage"),
            std::string::npos);
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
