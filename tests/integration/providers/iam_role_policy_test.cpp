// AWS::IAM::RolePolicy round trip (issue 17): create from a manifest, a clean
// plan right after, out-of-band changes (deleted, rewritten) detected as drift
// and corrected, pushed changes (a document in place, a PolicyName replaces),
// delete and Retain.
#include "tests/integration/providers/iam_inline_policy.h"

namespace driftless::wiring {
namespace {

TEST(IamRolePolicy, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  const std::string roleA = p + "-RoleA";
  auto manifest = [&](const std::string& name, const std::string& act) {
    return roles(p) +
           "  Inline:\n    Type: AWS::IAM::RolePolicy\n"
           "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
           "      RoleName: !Ref RoleA\n      PolicyName: " +
           name + "\n" + document(act) +
           "  Keep:\n    Type: AWS::IAM::RolePolicy\n    DeletionPolicy: Retain\n"
           "    Properties:\n      RoleName: !Ref RoleB\n      PolicyName: keep\n" +
           document("sqs:SendMessage");
  };
  st.push(manifest("read", "s3:GetObject"));
  st.apply();
  EXPECT_NE(inlinePolicy(st, "role", roleA, "read").find("s3:GetObject"), std::string::npos);
  st.expectClean();

  // Out of band: deleted is a missing resource, created again.
  st.boto("iam", "c.delete_role_policy(RoleName='" + roleA + "', PolicyName='read')");
  st.expectPlanned("Inline", "create", "drift");
  st.apply();
  EXPECT_NE(inlinePolicy(st, "role", roleA, "read").find("s3:GetObject"), std::string::npos);
  st.expectClean();

  // Out of band: rewritten is drift on PolicyDocument, corrected in place.
  st.boto("iam", "c.put_role_policy(RoleName='" + roleA +
                     "', PolicyName='read', PolicyDocument=json.dumps({'Version': '2012-10-17', "
                     "'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))");
  st.expectPlanned("Inline", "update", "drift");
  st.apply();
  EXPECT_NE(inlinePolicy(st, "role", roleA, "read").find("s3:GetObject"), std::string::npos);
  st.expectClean();

  // Pushed: another document is in place; another PolicyName replaces.
  st.push(manifest("read", "s3:ListBucket"));
  st.expectPlanned("Inline", "update");
  st.apply();
  EXPECT_NE(inlinePolicy(st, "role", roleA, "read").find("s3:ListBucket"), std::string::npos);
  st.push(manifest("list", "s3:ListBucket"));
  st.expectPlanned("Inline", "replace", "", {"PolicyName"});
  st.apply();
  EXPECT_EQ(inlinePolicy(st, "role", roleA, "read"), "none");
  EXPECT_NE(inlinePolicy(st, "role", roleA, "list").find("s3:ListBucket"), std::string::npos);
  st.expectClean();

  // Removed from git: deleted; Keep stays (DeletionPolicy Retain).
  st.push(roles(p));
  st.apply();
  EXPECT_EQ(inlinePolicy(st, "role", roleA, "list"), "none");
  EXPECT_NE(inlinePolicy(st, "role", p + "-RoleB", "keep").find("sqs:SendMessage"),
            std::string::npos);
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
