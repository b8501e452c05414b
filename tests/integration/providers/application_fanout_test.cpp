// Issue 17, application 2, end to end: an SNS topic fanning out to an SQS queue
// (allowed by a queue policy, with a dead-letter queue), consumed by a Lambda
// function through an event source mapping, with its role and inline policy,
// and a CloudWatch alarm on the dead-letter queue's depth. Converged from empty
// in one `driftless apply`, no drift right after, then changed.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string application(const std::string& p, int batch, int receives,
                        const std::string& extraTopic) {
  std::string topics = "[!Ref Events" + std::string(extraTopic.empty() ? "" : ", !Ref Audit") + "]";
  return "Resources:\n"
         "  Events:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: " +
         p + "-events}\n" +
         (extraTopic.empty() ? ""
                             : "  Audit:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: " +
                                   p + "-" + extraTopic + "}\n") +
         "  DeadLetters:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: " + p +
         "-dlq}\n"
         "  DeadLetterDepth:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n"
         "      AlarmName: " +
         p +
         "-dlq-depth\n      Namespace: AWS/SQS\n"
         "      MetricName: ApproximateNumberOfMessagesVisible\n"
         "      Dimensions: [{Name: QueueName, Value: !GetAtt DeadLetters.QueueName}]\n"
         "      Statistic: Maximum\n      Period: 60\n      EvaluationPeriods: 1\n"
         "      Threshold: 0\n      ComparisonOperator: GreaterThanThreshold\n"
         "      AlarmActions: [!Ref Events]\n"
         "  Work:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: " +
         p +
         "-work\n      VisibilityTimeout: 60\n"
         "      RedrivePolicy: {deadLetterTargetArn: !GetAtt DeadLetters.Arn, maxReceiveCount: " +
         std::to_string(receives) +
         "}\n"
         "  WorkPolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n"
         "      Queues: [!Ref Work]\n      PolicyDocument:\n        Version: '2012-10-17'\n"
         "        Statement:\n"
         "          - Effect: Allow\n            Principal: {Service: sns.amazonaws.com}\n"
         "            Action: sqs:SendMessage\n            Resource: !GetAtt Work.Arn\n"
         "            Condition: {ArnEquals: {aws:SourceArn: " +
         topics +
         "}}\n"
         "  ToWork:\n    Type: AWS::SNS::Subscription\n    Properties:\n"
         "      TopicArn: !Ref Events\n      Protocol: sqs\n      Endpoint: !GetAtt Work.Arn\n"
         "      RawMessageDelivery: true\n"
         "  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
         p +
         "-worker\n      AssumeRolePolicyDocument:\n        Statement:\n"
         "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "
         "sts:AssumeRole}\n"
         "  ConsumeWork:\n    Type: AWS::IAM::RolePolicy\n    Properties:\n"
         "      RoleName: !Ref WorkerRole\n      PolicyName: consume-work\n"
         "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
         "          - Effect: Allow\n"
         "            Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]\n"
         "            Resource: !GetAtt Work.Arn\n"
         "  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: " +
         p +
         "-worker\n      Role: !GetAtt WorkerRole.Arn\n      Runtime: python3.12\n"
         "      Handler: index.handler\n      Timeout: 30\n"
         "      Code: {ZipFile: \"def handler(event, context):\\n    return {}\\n\"}\n"
         "  WorkToWorker:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
         "      FunctionName: !Ref Worker\n      EventSourceArn: !GetAtt Work.Arn\n"
         "      BatchSize: " +
         std::to_string(batch) + "\n      FunctionResponseTypes: [ReportBatchItemFailures]\n";
}

TEST(Application, TopicToQueueToLambdaConvergesInOneApplyThenChanges) {
  Stack st;
  const std::string p = st.prefix();
  st.push(application(p, 5, 3, ""));
  std::string out = st.apply();
  EXPECT_NE(out.find("create=10"), std::string::npos) << out;
  st.expectClean();
  EXPECT_EQ(st.boto("cloudwatch",
                    "a = c.describe_alarms(AlarmNames=['" + p +
                        "-dlq-depth'])['MetricAlarms'][0]\n"
                        "print(a['Dimensions'][0]['Value'], a['AlarmActions'][0].split(':')[-1])"),
            p + "-dlq " + p + "-events");

  // The wiring is what the manifest says.
  const std::string queueArn = "arn:aws:sqs:us-east-1:123456789012:" + p + "-work";
  EXPECT_EQ(st.boto("sns",
                    "s = c.list_subscriptions_by_topic(TopicArn='arn:aws:sns:' + region + "
                    "':123456789012:" +
                        p + "-events')['Subscriptions']\nprint([x['Endpoint'] for x in s])"),
            "['" + queueArn + "']");
  std::string policy =
      st.boto("sqs", "u = c.get_queue_url(QueueName='" + p +
                         "-work')['QueueUrl']\nprint(c.get_queue_attributes(QueueUrl=u, "
                         "AttributeNames=['Policy', 'RedrivePolicy'])['Attributes'])");
  EXPECT_NE(policy.find(p + "-events"), std::string::npos) << policy;
  EXPECT_NE(policy.find(p + "-dlq"), std::string::npos) << policy;
  EXPECT_EQ(st.boto("lambda", "m = c.list_event_source_mappings(EventSourceArn='" + queueArn +
                                  "')['EventSourceMappings']\n"
                                  "print([(x['BatchSize'], x['FunctionArn'].split(':')[-1]) for x "
                                  "in m])"),
            "[(5, '" + p + "-worker')]");

  // Changed: a second topic allowed to send, a larger batch, more receives
  // before the dead-letter queue: updates in place, nothing replaced.
  st.push(application(p, 10, 5, "audit"));
  Value plan = st.plan();
  const Value* summary = plan.find("summary");
  ASSERT_TRUE(summary) << plan.toPrettyJson();
  EXPECT_EQ(summary->find("create")->scalarText(), "1");  // the Audit topic
  EXPECT_EQ(summary->find("update")->scalarText(), "3");  // WorkPolicy, Work, WorkToWorker
  EXPECT_EQ(summary->find("replace")->scalarText(), "0");
  EXPECT_EQ(Stack::action(plan, "WorkPolicy"), "update");
  EXPECT_EQ(Stack::action(plan, "WorkToWorker"), "update");
  st.apply();
  st.expectClean();
  const std::string attributes = "u = c.get_queue_url(QueueName='" + p +
                                 "-work')['QueueUrl']\na = c.get_queue_attributes(QueueUrl=u, "
                                 "AttributeNames=['Policy', 'RedrivePolicy'])['Attributes']\n";
  EXPECT_NE(st.boto("sqs", attributes + "print(a['Policy'])").find(p + "-audit"),
            std::string::npos);
  EXPECT_EQ(st.boto("sqs", attributes + "print(json.loads(a['RedrivePolicy'])['maxReceiveCount'])"),
            "5");
  EXPECT_EQ(st.boto("lambda", "m = c.list_event_source_mappings(EventSourceArn='" + queueArn +
                                  "')['EventSourceMappings']\nprint([x['BatchSize'] for x in m])"),
            "[10]");
}

}  // namespace
}  // namespace driftless::wiring
