#pragma once
// AWS::Lambda::EventSourceMapping as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::lambda {

inline constexpr std::string_view kEventSourceMappingType = "AWS::Lambda::EventSourceMapping";

TypeInfo eventSourceMappingTypeInfo();
// EventSourceArn: an SQS queue, a Kinesis stream or a DynamoDB stream; the
// properties each kind of source allows (StartingPosition for streams, ScalingConfig
// for SQS, ...); value ranges.
std::vector<std::string> validateEventSourceMapping(const Properties& props);

// "sqs", "kinesis", "dynamodb" (a stream), or "" for another source.
std::string eventSourceKind(std::string_view arn);

}  // namespace driftless::lambda
