#pragma once
// AWS::SQS::QueuePolicy as data: property schema, Ref/GetAtt, validation.

#include "providers/type_info.h"

namespace driftless::sqs {

TypeInfo queuePolicyTypeInfo();

}  // namespace driftless::sqs
