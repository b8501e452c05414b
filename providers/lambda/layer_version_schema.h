#pragma once
// AWS::Lambda::LayerVersion as data: property schema, Ref/GetAtt, validation.

#include "providers/type_info.h"

namespace driftless::lambda {

TypeInfo layerVersionTypeInfo();

}  // namespace driftless::lambda
