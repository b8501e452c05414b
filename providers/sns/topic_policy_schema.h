#pragma once
// AWS::SNS::TopicPolicy as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::sns {

inline constexpr std::string_view kTopicPolicyType = "AWS::SNS::TopicPolicy";

TypeInfo topicPolicyTypeInfo();
// Topics: a non-empty list of topic ARNs; PolicyDocument: a JSON document.
std::vector<std::string> validateTopicPolicy(const Properties& props);

}  // namespace driftless::sns
