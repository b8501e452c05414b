#pragma once
// AWS::SNS::Topic and AWS::SNS::Subscription as data.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::sns {

TypeInfo topicTypeInfo();
TypeInfo subscriptionTypeInfo();

// Topic name 1-256 of [A-Za-z0-9_-] (".fifo" suffix iff FifoTopic).
std::vector<std::string> validateTopic(const Properties& props);
std::vector<std::string> validateSubscription(const Properties& props);

}  // namespace driftless::sns
