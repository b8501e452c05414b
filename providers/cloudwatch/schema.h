#pragma once
// AWS::CloudWatch::Alarm as data: property schema, Ref/GetAtt, name rules and validation.

#include "providers/type_info.h"

namespace driftless::cloudwatch {

TypeInfo alarmTypeInfo();

}  // namespace driftless::cloudwatch
