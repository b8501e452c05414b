#pragma once
// AWS::Kinesis::Stream as data: property schema, Ref/GetAtt, name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::kinesis {

inline constexpr std::string_view kStreamType = "AWS::Kinesis::Stream";

TypeInfo streamTypeInfo();
// Name: 1-128 of [A-Za-z0-9_.-]; ShardCount >= 1 and only for PROVISIONED
// streams; RetentionPeriodHours 24-8760; KMS encryption needs a KeyId.
std::vector<std::string> validateStream(const Properties& props);

}  // namespace driftless::kinesis
