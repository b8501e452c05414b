#pragma once
// AWS::SQS::QueuePolicy as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::sqs {

inline constexpr std::string_view kQueuePolicyType = "AWS::SQS::QueuePolicy";

TypeInfo queuePolicyTypeInfo();
// Queues: a non-empty list of queue URLs; PolicyDocument: a JSON document.
std::vector<std::string> validateQueuePolicy(const Properties& props);

}  // namespace driftless::sqs
