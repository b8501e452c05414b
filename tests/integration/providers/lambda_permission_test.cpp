// AWS::Lambda::Permission round trip (issue 17): create from a manifest, a clean
// plan right after, out-of-band changes (the statement removed, or rewritten)
// detected as drift and corrected, a pushed change applied as a replace
// (Lambda cannot change a statement), delete and Retain.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string base(const std::string& prefix) {
  return "Resources:\n"
         "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
         "      RoleName: " +
         prefix +
         "-role\n"
         "      AssumeRolePolicyDocument:\n        Statement:\n"
         "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "
         "sts:AssumeRole}\n"
         "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
         "      FunctionName: " +
         prefix +
         "-fn\n      Role: !GetAtt Role.Arn\n      Runtime: python3.12\n"
         "      Handler: index.handler\n"
         "      Code: {ZipFile: \"def handler(event, context):\\n    return 1\\n\"}\n"
         "  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: " +
         prefix + "-topic}\n";
}

std::string permissions(const std::string& principal, const std::string& extra) {
  return "  Perm:\n    Type: AWS::Lambda::Permission\n"
         "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
         "      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n"
         "      Principal: " +
         principal + "\n" + extra +
         "  Keep:\n    Type: AWS::Lambda::Permission\n    DeletionPolicy: Retain\n"
         "    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n"
         "      Principal: events.amazonaws.com\n";
}

TEST(LambdaPermission, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  auto statement = [&](const std::string& sid) {
    return st.boto("lambda",
                   "try:\n  doc = json.loads(c.get_policy(FunctionName='" + p +
                       "-fn')['Policy'])\nexcept c.exceptions.ResourceNotFoundException:\n"
                       "  doc = {'Statement': []}\n"
                       "print(json.dumps([s for s in doc['Statement'] if s['Sid'] == '" +
                       sid + "'], sort_keys=True))");
  };
  st.push(base(p) + permissions("sns.amazonaws.com", "      SourceArn: !Ref Topic\n"));
  st.apply();
  EXPECT_NE(statement("app-Perm").find("sns.amazonaws.com"), std::string::npos);
  EXPECT_NE(statement("app-Perm").find(p + "-topic"), std::string::npos);
  EXPECT_NE(statement("app-Keep").find("events.amazonaws.com"), std::string::npos);
  st.expectClean();

  // Out of band: the statement removed is a missing resource, added again.
  st.boto("lambda", "c.remove_permission(FunctionName='" + p + "-fn', StatementId='app-Perm')");
  st.expectPlanned("Perm", "create", "drift");
  st.apply();
  EXPECT_NE(statement("app-Perm").find(p + "-topic"), std::string::npos);
  st.expectClean();

  // Out of band: the statement rewritten for another source is drift that replaces it.
  st.boto("lambda", "c.remove_permission(FunctionName='" + p +
                        "-fn', StatementId='app-Perm')\n"
                        "c.add_permission(FunctionName='" +
                        p +
                        "-fn', StatementId='app-Perm', Action='lambda:InvokeFunction', "
                        "Principal='sns.amazonaws.com', SourceArn='arn:aws:sns:us-east-1:"
                        "123456789012:someone-else')");
  st.expectPlanned("Perm", "replace", "drift", {"SourceArn"});
  st.apply();
  EXPECT_NE(statement("app-Perm").find(p + "-topic"), std::string::npos);
  st.expectClean();

  // A pushed change: another principal and a source account, applied as a replace.
  st.push(base(p) + permissions("s3.amazonaws.com", "      SourceAccount: '123456789012'\n"));
  st.expectPlanned("Perm", "replace", "change", {"Principal", "SourceAccount", "SourceArn"});
  st.apply();
  std::string now = statement("app-Perm");
  EXPECT_NE(now.find("s3.amazonaws.com"), std::string::npos) << now;
  EXPECT_EQ(now.find(p + "-topic"), std::string::npos) << now;
  st.expectClean();

  // Removed from git: the statement is removed; Keep stays (DeletionPolicy Retain).
  st.push(base(p));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Perm"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_EQ(statement("app-Perm"), "[]");
  EXPECT_NE(statement("app-Keep").find("events.amazonaws.com"), std::string::npos);
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
