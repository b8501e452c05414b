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

}  // namespace driftless::sns
