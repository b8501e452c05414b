#pragma once
// AWS::SNS::TopicPolicy as data: property schema, Ref/GetAtt, validation.

#include "providers/type_info.h"

namespace driftless::sns {

TypeInfo topicPolicyTypeInfo();

}  // namespace driftless::sns
