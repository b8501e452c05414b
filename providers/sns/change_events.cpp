#include "providers/sns/change_events.h"

namespace driftless::sns {

std::vector<ChangeEventRule> topicChangeEvents() {
  return {{"sns.amazonaws.com",
           {"SetTopicAttributes", "DeleteTopic", "TagResource", "UntagResource", "AddPermission",
            "RemovePermission", "PutDataProtectionPolicy"},
           {"requestParameters.topicArn", "requestParameters.resourceArn"}}};
}

std::vector<ChangeEventRule> subscriptionChangeEvents() {
  return {{"sns.amazonaws.com",
           {"SetSubscriptionAttributes", "Unsubscribe"},
           {"requestParameters.subscriptionArn"}}};
}

std::vector<ChangeEventRule> topicPolicyChangeEvents() {
  // The policy is the topic's Policy attribute; its id is its topics' ids, '|'-joined.
  return {
      {"sns.amazonaws.com", {"SetTopicAttributes", "DeleteTopic"}, {"requestParameters.topicArn"}}};
}

}  // namespace driftless::sns
