#pragma once
// AWS::IAM::InstanceProfile as data: property schema, Ref/GetAtt, validation.

#include "providers/type_info.h"

namespace driftless::iam {

TypeInfo instanceProfileTypeInfo();

}  // namespace driftless::iam
