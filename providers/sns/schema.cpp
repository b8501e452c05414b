#include "providers/sns/schema.h"

#include "providers/common/validate.h"

namespace driftless::sns {

using P = PropertySpec;

std::vector<std::string> validateTopic(const Properties& props) {
  std::vector<std::string> out;
  bool fifo = common::boolLike(props.find("FifoTopic")).value_or(false);
  if (auto name = common::stringLike(props.find("TopicName"))) {
    const std::string q = "TopicName: \"" + *name + "\" ";
    if (name->empty() || name->size() > 256) out.push_back(q + "must be 1 to 256 characters long");
    std::string_view base = *name;
    bool hasSuffix = base.ends_with(".fifo");
    if (hasSuffix) base.remove_suffix(5);
    if (base.empty() || !common::onlyChars(base, "-_"))
      out.push_back(q + "may contain only letters, digits, hyphens and underscores" +
                    (hasSuffix ? " before the .fifo suffix" : ""));
    if (fifo && !hasSuffix) out.push_back(q + "must end in .fifo because FifoTopic is true");
    if (!fifo && hasSuffix) out.push_back(q + "ends in .fifo, which requires FifoTopic: true");
  }
  if (!fifo && props.find("ContentBasedDeduplication"))
    out.push_back("ContentBasedDeduplication: only allowed when FifoTopic is true");
  if (auto dn = common::stringLike(props.find("DisplayName")); dn && dn->size() > 100)
    out.push_back("DisplayName: must be at most 100 characters");
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
  TypeInfo t;
  t.type = std::string(kTopicType);
  t.physicalNameProperty = "TopicName";
  t.refAttribute = "TopicArn";
  t.getAttributes = {"TopicArn", "TopicName"};
  t.properties = {
      P::string("TopicName").req().immut(), P::string("DisplayName"),
      P::boolean("FifoTopic").immut(),      P::boolean("ContentBasedDeduplication"),
      P::string("KmsMasterKeyId"),          P::tags(),
  };
  t.iamActions = {"sns:CreateTopic",         "sns:GetTopicAttributes", "sns:SetTopicAttributes",
                  "sns:ListTagsForResource", "sns:TagResource",        "sns:UntagResource",
                  "sns:DeleteTopic"};
  t.validate = validateTopic;
  return t;
}

TypeInfo subscriptionTypeInfo() {
  TypeInfo t;
  t.type = std::string(kSubscriptionType);
  t.physicalNameProperty = "";  // AWS assigns the subscription ARN
  t.refAttribute = "Arn";
  t.getAttributes = {"Arn"};
  t.taggable = false;
  t.properties = {
      P::string("TopicArn").req().immut(),
      P::string("Protocol")
          .req()
          .immut()
          .oneOf({"http", "https", "email", "email-json", "sms", "sqs", "application", "lambda",
                  "firehose"}),
      P::string("Endpoint").immut(),
      P::boolean("RawMessageDelivery"),
      P::json("FilterPolicy"),
      P::string("FilterPolicyScope").oneOf({"MessageAttributes", "MessageBody"}),
      P::json("RedrivePolicy"),
      P::json("DeliveryPolicy"),
      P::string("SubscriptionRoleArn"),
  };
  t.iamActions = {"sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes",
                  "sns:SetSubscriptionAttributes", "sns:ListSubscriptionsByTopic"};
  t.validate = validateSubscription;
  return t;
}

}  // namespace driftless::sns
