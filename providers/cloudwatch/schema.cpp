#include "providers/cloudwatch/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::cloudwatch {

namespace {

// The single-metric settings, which a metric math alarm (Metrics) replaces.
constexpr const char* kSingleMetric[] = {
    "MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit"};

void validateMetricMath(const Properties& props, std::vector<std::string>& out) {
  for (const char* p : kSingleMetric)
    if (props.find(p)) out.push_back(std::string(p) + ": cannot be given together with Metrics");
  const Value* metrics = props.find("Metrics");
  if (!metrics || !metrics->isArray()) return;
  if (metrics->size() == 0 || metrics->size() > 10)
    out.push_back("Metrics: 1 to 10 metric data queries");
  for (const auto& m : metrics->asArray())
    if (m.isObject() && (m.find("Expression") != nullptr) == (m.find("MetricStat") != nullptr))
      out.push_back("Metrics: each query needs exactly one of Expression or MetricStat");
}

// A PromQL alarm: a query and how often it runs, instead of a metric and a
// threshold (PutMetricAlarm refuses both together).
void validatePromQL(const Properties& props, std::vector<std::string>& out) {
  for (const char* p : {"MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions",
                        "Period", "Unit", "Metrics", "Threshold", "ComparisonOperator",
                        "ThresholdMetricId", "EvaluationPeriods", "DatapointsToAlarm"})
    if (props.find(p))
      out.push_back(std::string(p) + ": cannot be given together with EvaluationCriteria");
  if (!props.findPath("EvaluationCriteria.PromQLCriteria.Query"))
    out.push_back("EvaluationCriteria: needs PromQLCriteria.Query");
  auto interval = common::intLike(props.find("EvaluationInterval"));
  if (!props.find("EvaluationInterval"))
    out.push_back("EvaluationInterval: required with EvaluationCriteria");
  else if (interval && ((*interval != 10 && *interval != 20 && *interval != 30 &&
                         (*interval <= 0 || *interval % 60 != 0)) ||
                        *interval > 3600))
    out.push_back("EvaluationInterval: must be 10, 20, 30 or a multiple of 60, at most 3600");
}

}  // namespace

// AlarmName 1-255; a metric alarm: MetricName and Namespace, Statistic xor
// ExtendedStatistic; Period 10, 20, 30 or a multiple of 60; DatapointsToAlarm
// at most EvaluationPeriods; at most 5 actions per state.
static std::vector<std::string> validateAlarm(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("AlarmName"));
      name && (name->empty() || name->size() > 255))
    out.push_back("AlarmName: must be 1 to 255 characters long");
  if (props.find("EvaluationCriteria")) {
    validatePromQL(props, out);
    return out;
  }
  for (const char* p : {"EvaluationPeriods", "ComparisonOperator"})
    if (!props.find(p)) out.push_back(std::string(p) + ": required without EvaluationCriteria");
  if (props.find("EvaluationInterval"))
    out.push_back("EvaluationInterval: only with EvaluationCriteria (a PromQL alarm)");
  if (props.find("Metrics")) {
    validateMetricMath(props, out);
  } else {
    for (const char* p : {"MetricName", "Namespace"})
      if (!props.find(p)) out.push_back(std::string(p) + ": required without Metrics");
    if (props.find("Statistic") && props.find("ExtendedStatistic"))
      out.push_back("Statistic: cannot be given together with ExtendedStatistic");
    if (!props.find("Statistic") && !props.find("ExtendedStatistic"))
      out.push_back("Statistic: a metric alarm needs Statistic or ExtendedStatistic");
    if (props.find("ThresholdMetricId"))
      out.push_back("ThresholdMetricId: only with Metrics (an anomaly detection band)");
  }
  if (auto period = common::intLike(props.find("Period")); period && *period != 10 &&
                                                           *period != 20 && *period != 30 &&
                                                           (*period <= 0 || *period % 60 != 0))
    out.push_back("Period: must be 10, 20, 30 or a multiple of 60");
  common::checkRange(props, "EvaluationPeriods", 1, 100000, out);
  auto datapoints = common::intLike(props.find("DatapointsToAlarm"));
  auto periods = common::intLike(props.find("EvaluationPeriods"));
  if (datapoints && periods && *datapoints > *periods)
    out.push_back("DatapointsToAlarm: cannot exceed EvaluationPeriods");
  for (const char* p : {"AlarmActions", "OKActions", "InsufficientDataActions"})
    if (const Value* v = props.find(p); v && v->isArray() && v->size() > 5)
      out.push_back(std::string(p) + ": at most 5 actions");
  return out;
}

TypeInfo alarmTypeInfo() {
  return common::declared("AWS::CloudWatch::Alarm", validateAlarm);
}

}  // namespace driftless::cloudwatch
