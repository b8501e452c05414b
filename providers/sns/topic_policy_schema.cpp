#include "providers/sns/topic_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/schema.h"

namespace driftless::sns {

// Topics: a non-empty list of topic ARNs; PolicyDocument: a JSON document.
TypeInfo topicPolicyTypeInfo() {
  auto isArn = [](std::string_view key) { return key.starts_with("arn:"); };
  return common::listedPolicyTypeInfo(
      {"AWS::SNS::TopicPolicy", "Topics", "topic ARN", "AWS::SNS::Topic", isArn,
       common::actions("sns", {"GetTopicAttributes", "SetTopicAttributes"})});
}

}  // namespace driftless::sns
