#include "providers/common/cfn_schema.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "providers/builtin/builtin.h"

namespace driftless::common {
namespace {

using Kind = PropertySpec::Kind;

std::vector<std::string> names(const std::vector<PropertySpec>& specs) {
  std::vector<std::string> out;
  for (const auto& s : specs)
    out.push_back(s.name);
  return out;
}

TEST(CfnSchema, TakesKindRequiredReplacementAndAllowedValuesFromTheDatabase) {
  auto props = fromDatabase("AWS::Kinesis::Stream", {"Name", "ShardCount", "StreamModeDetails",
                                                     "DesiredShardLevelMetrics", "Tags"});
  EXPECT_EQ(names(props), (std::vector<std::string>{"Name", "ShardCount", "StreamModeDetails",
                                                    "DesiredShardLevelMetrics", "Tags"}));
  EXPECT_EQ(props[0].kind, Kind::String);
  EXPECT_TRUE(props[0].immutable);  // a new name replaces the stream
  EXPECT_FALSE(props[0].required);
  EXPECT_EQ(props[1].kind, Kind::Integer);
  EXPECT_FALSE(props[1].immutable);
  const PropertySpec& mode = props[2];
  ASSERT_EQ(mode.kind, Kind::Object);
  ASSERT_EQ(mode.fields.size(), 1u);  // a struct named alone: all of its fields
  EXPECT_EQ(mode.fields[0].name, "StreamMode");
  EXPECT_TRUE(mode.fields[0].required);
  EXPECT_EQ(mode.fields[0].allowed, (std::vector<std::string>{"ON_DEMAND", "PROVISIONED"}));
  ASSERT_EQ(props[3].kind, Kind::List);
  EXPECT_EQ(props[3].element.at(0).kind, Kind::String);
  EXPECT_FALSE(props[3].element.at(0).allowed.empty());
  EXPECT_EQ(props[4].kind, Kind::Tags);
}

TEST(CfnSchema, NamedFieldsAreTheOnlyFieldsOfTheirStruct) {
  auto props = fromDatabase("AWS::Glue::Database",
                            {"CatalogId", "DatabaseInput.Name", "DatabaseInput.Parameters"});
  ASSERT_EQ(props.size(), 2u);
  EXPECT_TRUE(props[0].required);
  EXPECT_EQ(names(props[1].fields), (std::vector<std::string>{"Name", "Parameters"}));
  EXPECT_EQ(props[1].fields[1].kind, Kind::Json);
}

TEST(CfnSchema, FieldsAreNamedThroughListsAndMaps) {
  auto props = fromDatabase("AWS::Lambda::EventSourceMapping", {"FilterCriteria.Filters.Pattern"});
  const PropertySpec& filters = props.at(0).fields.at(0);
  ASSERT_EQ(filters.kind, Kind::List);
  EXPECT_EQ(names(filters.element.at(0).fields), (std::vector<std::string>{"Pattern"}));
  EXPECT_EQ(&at(props, "FilterCriteria.Filters.Pattern"), &filters.element[0].fields[0]);
}

TEST(CfnSchema, JsonOrAStringHoldingItIsJson) {
  auto props = fromDatabase("AWS::KMS::Key", {"KeyPolicy"});
  EXPECT_EQ(props.at(0).kind, Kind::Json);
}

TEST(CfnSchema, WhatTheDatabaseDoesNotKnowIsAProgrammingError) {
  EXPECT_THROW(fromDatabase("AWS::Kinesis::Stream", {"ShardCounts"}), std::logic_error);
  EXPECT_THROW(fromDatabase("AWS::Kinesis::Stream", {"StreamModeDetails.Mode"}), std::logic_error);
  EXPECT_THROW(fromDatabase("AWS::Kinesis::Stream", {"ShardCount.Value"}), std::logic_error);
  EXPECT_THROW(fromDatabase("AWS::Kinesis::Streams", {"Name"}), std::logic_error);
  auto props = fromDatabase("AWS::Kinesis::Stream", {"Name"});
  EXPECT_THROW(at(props, "Nope"), std::logic_error);
}

// The converted types keep where driftless deliberately differs from the
// database (each override in its schema.cpp says why).
TEST(CfnSchema, ConvertedTypesKeepTheirOverrides) {
  const Registry& reg = builtinRegistry();
  auto spec = [&](std::string_view type) {
    const TypeInfo* info = reg.info(type);
    EXPECT_NE(info, nullptr) << type;
    return info->properties;
  };
  auto secret = spec("AWS::SecretsManager::Secret");
  EXPECT_TRUE(at(secret, "SecretString").secret);
  EXPECT_EQ(at(secret, "RecoveryWindowInDays").kind, Kind::Integer);  // a driftless extension
  auto schedule = spec("AWS::Scheduler::Schedule");
  EXPECT_EQ(at(schedule, "FlexibleTimeWindow.MaximumWindowInMinutes").kind, Kind::Integer);
  EXPECT_EQ(
      names(at(schedule, "Target").fields),
      (std::vector<std::string>{"Arn", "RoleArn", "Input", "RetryPolicy", "DeadLetterConfig",
                                "SqsParameters", "KinesisParameters", "EventBridgeParameters"}));
  auto esm = spec("AWS::Lambda::EventSourceMapping");
  EXPECT_TRUE(at(esm, "Topics").immutable);
  EXPECT_EQ(at(esm, "FilterCriteria.Filters.Pattern").kind, Kind::Json);
  EXPECT_EQ(at(esm, "StartingPosition").allowed,
            (std::vector<std::string>{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}));
  auto version = spec("AWS::Lambda::Version");
  EXPECT_TRUE(at(version, "FunctionScalingConfig").immutable);
  auto function = spec("AWS::Lambda::Function");
  EXPECT_TRUE(at(function, "Environment.Variables").element.at(0).secret);
  auto association = spec("AWS::EC2::SubnetRouteTableAssociation");
  EXPECT_FALSE(at(association, "RouteTableId").immutable);
}

// The hand-written table named a notification's filter by its structure's name
// (NotificationFilter) while CloudFormation and the provider's XML say Filter.
TEST(CfnSchema, BucketNotificationsFilterByFilter) {
  auto bucket = builtinRegistry().info("AWS::S3::Bucket")->properties;
  for (const char* list : {"LambdaConfigurations", "QueueConfigurations", "TopicConfigurations"}) {
    std::string path = std::string("NotificationConfiguration.") + list;
    EXPECT_EQ(at(bucket, path + ".Filter.S3Key.Rules").kind, Kind::List) << list;
    EXPECT_THROW(at(bucket, path + ".NotificationFilter"), std::logic_error) << list;
  }
}

}  // namespace
}  // namespace driftless::common
