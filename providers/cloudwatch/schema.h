#pragma once
// AWS::CloudWatch::Alarm as data: property schema, Ref/GetAtt, name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::cloudwatch {

inline constexpr std::string_view kAlarmType = "AWS::CloudWatch::Alarm";

TypeInfo alarmTypeInfo();
// AlarmName 1-255; a metric alarm: MetricName and Namespace, Statistic xor
// ExtendedStatistic; Period 10, 20, 30 or a multiple of 60; DatapointsToAlarm
// at most EvaluationPeriods; at most 5 actions per state.
std::vector<std::string> validateAlarm(const Properties& props);

}  // namespace driftless::cloudwatch
