#pragma once
// AWS::Lambda::Function as data: property schema, Ref/GetAtt, IAM actions, validation.
#include "providers/type_info.h"

namespace driftless::lambda {

TypeInfo functionTypeInfo();

}  // namespace driftless::lambda
