#pragma once
// AWS::SQS::QueueInlinePolicy as data: property schema, Ref, validation.

#include "providers/type_info.h"

namespace driftless::sqs {

TypeInfo queueInlinePolicyTypeInfo();

}  // namespace driftless::sqs
