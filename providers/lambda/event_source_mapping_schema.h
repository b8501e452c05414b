#pragma once
// AWS::Lambda::EventSourceMapping as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>

#include "providers/type_info.h"

namespace driftless::lambda {

TypeInfo eventSourceMappingTypeInfo();

// "sqs", "kinesis", "dynamodb" (a stream), or "" for another source.
std::string eventSourceKind(std::string_view arn);

}  // namespace driftless::lambda
