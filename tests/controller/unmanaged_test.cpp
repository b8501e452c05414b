// The type of a leaked resource the Tagging API returns, from its ARN, by the
// types' inventories (Inventory::arnMatch): no per-type code in controller/.
#include "controller/unmanaged.h"

#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::controller {
namespace {

TEST(Unmanaged, TheTypeOfAnArnComesFromTheTypesInventories) {
  const Registry& r = builtinRegistry();
  struct Case {
    const char* arn;
    const char* type;
  } cases[] = {
      {"arn:aws:sqs:eu-west-1:111111111111:orders", "AWS::SQS::Queue"},
      {"arn:aws:s3:::acme-data", "AWS::S3::Bucket"},
      {"arn:aws:dynamodb:eu-west-1:111111111111:table/orders", "AWS::DynamoDB::Table"},
      {"arn:aws:lambda:eu-west-1:111111111111:function:resize", "AWS::Lambda::Function"},
      {"arn:aws:logs:eu-west-1:111111111111:log-group:/app/resize", "AWS::Logs::LogGroup"},
      {"arn:aws:iam::111111111111:role/app", "AWS::IAM::Role"},
      {"arn:aws:iam::111111111111:policy/read", "AWS::IAM::ManagedPolicy"},
      {"arn:aws:iam::111111111111:instance-profile/app", "AWS::IAM::InstanceProfile"},
      {"arn:aws:events:eu-west-1:111111111111:rule/orders-bus/r", "AWS::Events::Rule"},
      {"arn:aws:kms:eu-west-1:111111111111:alias/orders", "AWS::KMS::Alias"},
      {"arn:aws:states:eu-west-1:111111111111:stateMachine:flow",
       "AWS::StepFunctions::StateMachine"},
      {"arn:aws:glue:eu-west-1:111111111111:database/raw", "AWS::Glue::Database"},
      {"arn:aws:glue:eu-west-1:111111111111:job/compact", "AWS::Glue::Job"},
      {"arn:aws:glue:eu-west-1:111111111111:crawler/raw", "AWS::Glue::Crawler"},
      {"arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-1", "AWS::EC2::VPC"},
      {"arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1", "AWS::EC2::SecurityGroup"},
      {"arn:aws:ec2:eu-west-1:111111111111:instance/i-1", "AWS::EC2::Instance"},
      {"arn:aws:ec2:eu-west-1:111111111111:transit-gateway/tgw-1", ""},  // not a managed type
      {"not an arn", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(typeOfArn(r, c.arn), c.type) << c.arn;
}

}  // namespace
}  // namespace driftless::controller
