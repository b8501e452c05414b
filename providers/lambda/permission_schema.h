#pragma once
// AWS::Lambda::Permission as data: property schema, Ref/GetAtt, validation.

#include "providers/type_info.h"

namespace driftless::lambda {

TypeInfo permissionTypeInfo();

}  // namespace driftless::lambda
