#pragma once
// AWS::SNS::Topic properties <-> SNS topic attributes (GetTopicAttributes,
// CreateTopic's Attributes, SetTopicAttributes). Pure, so unit tested without SNS.
#include <string>
#include <string_view>
#include <vector>

#include "providers/value.h"

namespace driftless::sns {

// One topic attribute a manifest sets, and the property it comes from.
struct TopicAttribute {
  std::string property;  // "DisplayName", "DeliveryStatusLogging", ...
  std::string name;      // "DisplayName", "SQSSuccessFeedbackRoleArn", ...
  std::string value;
};

// The attributes `props` sets: the properties that are attributes of the same
// name, and DeliveryStatusLogging's entries as <Protocol>Success/Failure... attributes.
std::vector<TopicAttribute> topicAttributes(const Properties& props);

// The manifest properties read from a topic's attributes; AWS's defaults
// (SignatureVersion 1, TracingConfig PassThrough, a FIFO topic's
// FifoThroughputScope Topic) where an answer leaves them out.
void readTopicAttributes(const Value::Object& attributes, Properties& out);

// Desired properties as observe reads them: DeliveryStatusLogging in protocol order.
Properties normaliseTopic(const Properties& props);

}  // namespace driftless::sns
