#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::cloudwatch {

// AWS::CloudWatch::Alarm (metric alarms) over the CloudWatch query protocol.
// Identity: the alarm name. Observe: DescribeAlarms of the name and
// ListTagsForResource (2 calls). PutMetricAlarm replaces the whole alarm, so
// an update sends the manifest's settings plus the live value of every
// setting it does not manage. The alarm's state is never compared.
extern const common::MakeProvider makeAlarmProvider;

}  // namespace driftless::cloudwatch
