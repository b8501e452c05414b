// Issue 17, application 1, end to end: an upload to an S3 bucket matched by an EventBridge rule
// that starts a Step Functions state machine, whose task invokes a Lambda function writing to a
// DynamoDB table, with the roles and inline policies each service assumes.
// Converged from empty in one `driftless apply`, no drift right after, then
// changed in place. On AWS the bucket also sets NotificationConfiguration's
// EventBridgeConfiguration; moto 5.2.1 never returns it (docs/manifest-reference.md),
// so that property is tested on the wire in the S3 tests and left out here.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string role(const std::string& logical, const std::string& name, const std::string& service,
                 const std::string& action, const std::string& resource) {
  return "  " + logical +
         "Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " + name +
         "\n      AssumeRolePolicyDocument:\n        Statement:\n"
         "          - {Effect: Allow, Principal: {Service: " +
         service +
         "}, Action: sts:AssumeRole}\n"
         "  " +
         logical +
         "Policy:\n    Type: AWS::IAM::RolePolicy\n    Properties:\n"
         "      RoleName: !Ref " +
         logical + "Role\n      PolicyName: " + logical +
         "\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
         "          - {Effect: Allow, Action: " +
         action + ", Resource: " + resource + "}\n";
}

std::string application(const std::string& p, int timeout, const std::string& suffix) {
  return "Resources:\n"
         "  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: " +
         p +
         "-uploads\n"
         "  Items:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: " +
         p +
         "-items\n      BillingMode: PAY_PER_REQUEST\n"
         "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
         "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n" +
         role("Writer", p + "-writer", "lambda.amazonaws.com", "dynamodb:PutItem",
              "!GetAtt Items.Arn") +
         "  Writer:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: " + p +
         "-writer\n      Role: !GetAtt WriterRole.Arn\n      Runtime: python3.12\n"
         "      Handler: index.handler\n      Timeout: " +
         std::to_string(timeout) +
         "\n      Environment: {Variables: {TABLE: !Ref Items}}\n"
         "      Code: {ZipFile: \"def handler(event, context):\\n    return event\\n\"}\n" +
         role("Flow", p + "-flow", "states.amazonaws.com", "lambda:InvokeFunction",
              "!GetAtt Writer.Arn") +
         "  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
         "      StateMachineName: " +
         p +
         "-flow\n      RoleArn: !GetAtt FlowRole.Arn\n"
         "      DefinitionSubstitutions: {WriterArn: !GetAtt Writer.Arn}\n"
         "      Definition:\n        StartAt: Write\n        States:\n"
         "          Write: {Type: Task, Resource: '${WriterArn}', End: true}\n" +
         role("Rule", p + "-rule", "events.amazonaws.com", "states:StartExecution", "!Ref Flow") +
         "  OnUpload:\n    Type: AWS::Events::Rule\n    Properties:\n      Name: " + p +
         "-on-upload\n      EventPattern:\n        source: [aws.s3]\n"
         "        detail-type: [Object Created]\n"
         "        detail: {bucket: {name: [" +
         p + "-uploads]}, object: {key: [{suffix: " + suffix +
         "}]}}\n"
         "      Targets: [{Id: flow, Arn: !Ref Flow, RoleArn: !GetAtt RuleRole.Arn}]\n";
}

TEST(Application, UploadToRuleToStateMachineToLambdaToTableConvergesInOneApplyThenChanges) {
  Stack st;
  const std::string p = st.prefix();
  st.push(application(p, 30, ".csv"));
  std::string out = st.apply();
  EXPECT_NE(out.find("create=11"), std::string::npos) << out;
  st.expectClean();

  // The wiring is what the manifest says.
  const std::string flowArn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + p + "-flow";
  EXPECT_EQ(st.boto("events", "t = c.list_targets_by_rule(Rule='" + p +
                                  "-on-upload')['Targets']\n"
                                  "print([(x['Arn'], x['RoleArn'].split('/')[-1]) for x in t])"),
            "[('" + flowArn + "', '" + p + "-rule')]");
  EXPECT_EQ(
      st.boto("stepfunctions",
              "d = json.loads(c.describe_state_machine(stateMachineArn='" + flowArn +
                  "')['definition'])\nprint(d['States']['Write']['Resource'].split(':')[-1])"),
      p + "-writer");
  EXPECT_EQ(st.boto("lambda", "print(c.get_function_configuration(FunctionName='" + p +
                                  "-writer')['Environment']['Variables']['TABLE'])"),
            p + "-items");

  // Changed: a longer timeout and another suffix: updates in place, nothing replaced.
  st.push(application(p, 60, ".json"));
  Value plan = st.plan();
  const Value* summary = plan.find("summary");
  ASSERT_TRUE(summary) << plan.toPrettyJson();
  EXPECT_EQ(summary->find("create")->scalarText(), "0");
  EXPECT_EQ(summary->find("update")->scalarText(), "2");  // Writer, OnUpload
  EXPECT_EQ(summary->find("replace")->scalarText(), "0");
  EXPECT_EQ(Stack::action(plan, "Writer"), "update");
  EXPECT_EQ(Stack::action(plan, "OnUpload"), "update");
  st.apply();
  st.expectClean();
  EXPECT_NE(st.boto("events", "print(c.describe_rule(Name='" + p + "-on-upload')['EventPattern'])")
                .find(".json"),
            std::string::npos);
}

}  // namespace
}  // namespace driftless::wiring
