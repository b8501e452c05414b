#pragma once
// AWS::Kinesis::Stream as data: property schema, Ref/GetAtt, name rules and validation.

#include "providers/type_info.h"

namespace driftless::kinesis {

TypeInfo streamTypeInfo();

}  // namespace driftless::kinesis
