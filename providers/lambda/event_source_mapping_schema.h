#pragma once
// AWS::Lambda::EventSourceMapping as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>

#include "providers/type_info.h"

namespace driftless::lambda {

TypeInfo eventSourceMappingTypeInfo();
// EventSourceArn: an SQS queue, a Kinesis stream, a DynamoDB stream, an MSK
// cluster, an Amazon MQ broker or a DocumentDB cluster, or else a
// SelfManagedEventSource (a Kafka cluster of one's own); the properties each
// kind of source allows (StartingPosition for streams and Kafka, ScalingConfig
// for SQS, Topics for Kafka, Queues for MQ, ...); value ranges.
std::vector<std::string> validateEventSourceMapping(const Properties& props);

// "sqs", "kinesis", "dynamodb" (a stream), "kafka" (MSK), "mq", "docdb", or ""
// for another source.
std::string eventSourceKind(std::string_view arn);

}  // namespace driftless::lambda
