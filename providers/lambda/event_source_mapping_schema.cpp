#include "providers/lambda/event_source_mapping_schema.h"

#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::lambda {

using P = PropertySpec;

namespace {

// Properties only stream sources (Kinesis, DynamoDB streams) take.
const std::vector<std::string_view> kStreamOnly = {
    "StartingPosition",           "StartingPositionTimestamp", "ParallelizationFactor",
    "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "MaximumRetryAttempts",
    "TumblingWindowInSeconds",    "DestinationConfig"};

}  // namespace

std::string eventSourceKind(std::string_view arn) {
  if (arn.starts_with("arn:") && arn.find(":sqs:") != std::string_view::npos) return "sqs";
  if (arn.starts_with("arn:") && arn.find(":kinesis:") != std::string_view::npos) return "kinesis";
  if (arn.starts_with("arn:") && arn.find(":dynamodb:") != std::string_view::npos &&
      arn.find("/stream/") != std::string_view::npos)
    return "dynamodb";
  return "";
}

// EventSourceArn: an SQS queue, a Kinesis stream or a DynamoDB stream; the
// properties each kind of source allows (StartingPosition for streams, ScalingConfig
// for SQS, ...); value ranges.
static std::vector<std::string> validateEventSourceMapping(const Properties& props) {
  std::vector<std::string> out;
  const Value* source = props.find("EventSourceArn");
  if (!source) {
    out.push_back(
        "EventSourceArn: is required (driftless manages SQS, Kinesis and DynamoDB stream "
        "sources)");
    return out;
  }
  auto arn = common::stringLike(source);
  if (!arn || arn->empty()) return out;  // known only after apply
  std::string kind = eventSourceKind(*arn);
  if (kind.empty()) {
    out.push_back("EventSourceArn: \"" + *arn +
                  "\" is not an SQS queue, Kinesis stream or DynamoDB stream ARN");
    return out;
  }
  if (kind == "sqs") {
    for (auto p : kStreamOnly)
      if (props.find(p))
        out.push_back(std::string(p) + ": only for Kinesis and DynamoDB stream sources");
    common::checkRange(props, "BatchSize", 1, 10000, out);
  } else {
    if (!props.find("StartingPosition"))
      out.push_back("StartingPosition: is required for a stream source");
    if (props.find("ScalingConfig")) out.push_back("ScalingConfig: only for SQS sources");
    common::checkRange(props, "BatchSize", 1, 10000, out);
    common::checkRange(props, "ParallelizationFactor", 1, 10, out);
    common::checkRange(props, "MaximumRetryAttempts", -1, 10000, out);
    common::checkRange(props, "TumblingWindowInSeconds", 0, 900, out);
  }
  if (auto pos = common::stringLike(props.find("StartingPosition"));
      pos && *pos == "AT_TIMESTAMP" && !props.find("StartingPositionTimestamp"))
    out.push_back("StartingPositionTimestamp: is required with StartingPosition AT_TIMESTAMP");
  common::checkRange(props, "MaximumBatchingWindowInSeconds", 0, 300, out);
  if (const Value* scaling = props.find("ScalingConfig"))
    common::checkRange(*scaling, "MaximumConcurrency", 2, 1000, out, "ScalingConfig.");
  return out;
}

TypeInfo eventSourceMappingTypeInfo() {
  // AWS assigns the id (a UUID, kept in state); before it is known the mapping
  // is found by its source and function. Owned through its ownership tags.
  TypeInfo t = common::typeInfo("AWS::Lambda::EventSourceMapping", "", "Id",
                                {"EventSourceMappingArn", "Id"});
  t.properties = {
      P::string("FunctionName").req(),
      P::string("EventSourceArn").immut(),
      P::boolean("Enabled"),
      P::integer("BatchSize"),
      P::integer("MaximumBatchingWindowInSeconds"),
      P::object("FilterCriteria", {P::list("Filters", P::object("", {P::json("Pattern")}))}),
      P::list("FunctionResponseTypes", P::string("").oneOf({"ReportBatchItemFailures"})),
      P::object("ScalingConfig", {P::integer("MaximumConcurrency")}),
      P::string("StartingPosition").immut().oneOf({"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}),
      P::number("StartingPositionTimestamp").immut(),
      P::integer("ParallelizationFactor"),
      P::boolean("BisectBatchOnFunctionError"),
      P::integer("MaximumRecordAgeInSeconds"),
      P::integer("MaximumRetryAttempts"),
      P::integer("TumblingWindowInSeconds"),
      P::object("DestinationConfig", {P::object("OnFailure", {P::string("Destination")})}),
      P::object("MetricsConfig", {P::list("Metrics", P::string("").oneOf({"EventCount"}))}),
      P::string("KmsKeyArn"),
      P::object("LoggingConfig", {P::string("SystemLogLevel").oneOf({"DEBUG", "INFO", "WARN"})}),
      P::tags(),
  };
  t.iamActions = common::actions(
      "lambda", {"CreateEventSourceMapping", "GetEventSourceMapping", "ListEventSourceMappings",
                 "UpdateEventSourceMapping", "DeleteEventSourceMapping", "ListTags", "TagResource",
                 "UntagResource"});
  t.validate = validateEventSourceMapping;
  return t;
}

}  // namespace driftless::lambda
