#include "providers/lambda/event_source_mapping_schema.h"

#include <algorithm>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
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

// Of those, what a Kafka or DocumentDB source takes too (both start at a
// position; Kafka sends failures to a destination).
bool alsoFor(const std::string& kind, std::string_view p) {
  bool kafka = kind == "kafka" || kind == "self-kafka";
  if (p == "StartingPosition" || p == "StartingPositionTimestamp") return kafka || kind == "docdb";
  return kafka && p == "DestinationConfig";
}

}  // namespace

std::string eventSourceKind(std::string_view arn) {
  auto has = [&](std::string_view part) { return arn.find(part) != std::string_view::npos; };
  if (!arn.starts_with("arn:")) return "";
  if (has(":sqs:")) return "sqs";
  if (has(":kinesis:")) return "kinesis";
  if (has(":dynamodb:") && has("/stream/")) return "dynamodb";
  if (has(":kafka:")) return "kafka";
  if (has(":mq:")) return "mq";
  if (has(":rds:") && has(":cluster:")) return "docdb";
  return "";
}

namespace {

// Which kinds of source take each source-specific property ("self-kafka": a
// self-managed Kafka cluster, named by SelfManagedEventSource, no ARN).
struct SourceOnly {
  std::string_view property;
  std::vector<std::string_view> kinds;
  std::string_view says;
};
const std::vector<SourceOnly> kSourceOnly = {
    {"Topics", {"kafka", "self-kafka"}, "Kafka sources"},
    {"Queues", {"mq"}, "Amazon MQ sources"},
    {"SourceAccessConfigurations",
     {"kafka", "self-kafka", "mq", "docdb"},
     "Kafka, Amazon MQ and DocumentDB sources"},
    {"AmazonManagedKafkaEventSourceConfig", {"kafka"}, "Amazon MSK sources"},
    {"SelfManagedKafkaEventSourceConfig", {"self-kafka"}, "self-managed Kafka sources"},
    {"DocumentDBEventSourceConfig", {"docdb"}, "DocumentDB sources"},
    {"ProvisionedPollerConfig", {"kafka", "self-kafka"}, "Kafka sources"},
    {"ScalingConfig", {"sqs"}, "SQS sources"},
};

void checkSourceOnly(const Properties& props, const std::string& kind,
                     std::vector<std::string>& out) {
  for (const auto& s : kSourceOnly)
    if (props.find(s.property) && std::find(s.kinds.begin(), s.kinds.end(), kind) == s.kinds.end())
      out.push_back(std::string(s.property) + ": only for " + std::string(s.says));
  bool kafka = kind == "kafka" || kind == "self-kafka";
  if (kafka && !props.find("Topics")) out.push_back("Topics: is required for a Kafka source");
  if (kind == "mq" && !props.find("Queues"))
    out.push_back("Queues: is required for an Amazon MQ source");
  if (kind == "docdb" && !props.find("DocumentDBEventSourceConfig"))
    out.push_back("DocumentDBEventSourceConfig: is required for a DocumentDB source");
  if ((kafka || kind == "docdb") && !props.find("StartingPosition"))
    out.push_back("StartingPosition: is required for a " +
                  std::string(kafka ? "Kafka" : "DocumentDB") + " source");
  if (const Value* poller = props.find("ProvisionedPollerConfig")) {
    common::checkRange(*poller, "MinimumPollers", 1, 200, out, "ProvisionedPollerConfig.");
    common::checkRange(*poller, "MaximumPollers", 1, 2000, out, "ProvisionedPollerConfig.");
  }
}

// The source's kind: from EventSourceArn, or "self-kafka" for a
// SelfManagedEventSource; "" (with an error in out) when neither names one.
std::string sourceKind(const Properties& props, std::vector<std::string>& out) {
  const Value* source = props.find("EventSourceArn");
  const Value* self = props.find("SelfManagedEventSource");
  if (source && self) {
    out.push_back("SelfManagedEventSource: a self-managed Kafka source has no EventSourceArn");
    return "";
  }
  if (self) return "self-kafka";
  if (!source) {
    out.push_back(
        "EventSourceArn: is required (or SelfManagedEventSource for a self-managed "
        "Kafka cluster)");
    return "";
  }
  auto arn = common::stringLike(source);
  if (!arn || arn->empty()) return "";  // known only after apply
  std::string kind = eventSourceKind(*arn);
  if (kind.empty())
    out.push_back("EventSourceArn: \"" + *arn +
                  "\" is not an SQS queue, Kinesis stream, DynamoDB stream, Amazon MSK "
                  "cluster, Amazon MQ broker or DocumentDB cluster ARN");
  return kind;
}

}  // namespace

std::vector<std::string> validateEventSourceMapping(const Properties& props) {
  std::vector<std::string> out;
  std::string kind = sourceKind(props, out);
  if (kind.empty()) return out;
  if (kind != "kinesis" && kind != "dynamodb") {
    for (auto p : kStreamOnly)
      if (props.find(p) && !alsoFor(kind, p))
        out.push_back(std::string(p) + ": only for Kinesis and DynamoDB stream sources");
  } else if (!props.find("StartingPosition")) {
    out.push_back("StartingPosition: is required for a stream source");
  }
  checkSourceOnly(props, kind, out);
  common::checkRange(props, "BatchSize", 1, 10000, out);
  common::checkRange(props, "ParallelizationFactor", 1, 10, out);
  common::checkRange(props, "MaximumRetryAttempts", -1, 10000, out);
  common::checkRange(props, "TumblingWindowInSeconds", 0, 900, out);
  if (auto pos = common::stringLike(props.find("StartingPosition"));
      pos && *pos == "AT_TIMESTAMP" && !props.find("StartingPositionTimestamp"))
    out.push_back("StartingPositionTimestamp: is required with StartingPosition AT_TIMESTAMP");
  common::checkRange(props, "MaximumBatchingWindowInSeconds", 0, 300, out);
  if (const Value* scaling = props.find("ScalingConfig"))
    common::checkRange(*scaling, "MaximumConcurrency", 2, 1000, out, "ScalingConfig.");
  return out;
}

TypeInfo eventSourceMappingTypeInfo() {
  TypeInfo t = common::declared("AWS::Lambda::EventSourceMapping", validateEventSourceMapping);
  // Lambda's values (the database lists none).
  common::at(t.properties, "FunctionResponseTypes").element[0].oneOf({"ReportBatchItemFailures"});
  return t;
}

}  // namespace driftless::lambda
