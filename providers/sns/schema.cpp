#include "providers/sns/schema.h"
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::sns {

constexpr std::string_view kTopicType = "AWS::SNS::Topic";
constexpr std::string_view kSubscriptionType = "AWS::SNS::Subscription";

std::vector<std::string> validateTopic(const Properties& props) {
  std::vector<std::string> out;
  bool fifo = common::checkFifoName(props, "TopicName", 256, "FifoTopic", out);
  for (const char* p : {"ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope"})
    if (!fifo && props.find(p))
      out.push_back(std::string(p) + ": only allowed when FifoTopic is true");
  for (const char* p : {"ArchivePolicy", "DataProtectionPolicy"}) {
    const Value* v = props.find(p);
    if (v && v->isString() && !Value::fromJson(v->asString()))
      out.push_back(std::string(p) + ": is a string but not a JSON document");
  }
  if (auto dn = common::stringLike(props.find("DisplayName")); dn && dn->size() > 100)
    out.push_back("DisplayName: must be at most 100 characters");
  // Bytes; 256 KiB by default, up to 1 MiB (large payloads).
  common::checkRange(props, "MaximumMessageSize", 1024, 1048576, out);
  return out;
}

std::vector<std::string> validateSubscription(const Properties& props) {
  std::vector<std::string> out;
  auto protocol = common::stringLike(props.find("Protocol"));
  if (protocol && props.find("RawMessageDelivery") &&
      common::boolLike(props.find("RawMessageDelivery")).value_or(false) && *protocol != "sqs" &&
      *protocol != "http" && *protocol != "https" && *protocol != "firehose")
    out.push_back(
        "RawMessageDelivery: only allowed for the sqs, http, https and firehose protocols");
  if (protocol && !props.find("Endpoint"))
    out.push_back(
        "Endpoint: is required (the subscription's identity is topic, protocol and "
        "endpoint)");
  if (auto topic = common::stringLike(props.find("TopicArn")); topic && !topic->starts_with("arn:"))
    out.push_back("TopicArn: \"" + *topic + "\" is not an ARN");
  for (const char* p : {"FilterPolicy", "RedrivePolicy", "DeliveryPolicy"}) {
    const Value* v = props.find(p);
    if (v && v->isString() && !Value::fromJson(v->asString()))
      out.push_back(std::string(p) + ": is a string but not a JSON document");
  }
  return out;
}

TypeInfo topicTypeInfo() {
  return common::declared(kTopicType, validateTopic);
}

TypeInfo subscriptionTypeInfo() {
  return common::declared(kSubscriptionType, validateSubscription);
}

}  // namespace driftless::sns
