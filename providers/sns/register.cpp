#include "providers/sns/register.h"

#include "providers/common/service.h"
#include "providers/sns/inventory.h"
#include "providers/sns/schema.h"
#include "providers/sns/subscription.h"
#include "providers/sns/topic.h"
#include "providers/sns/topic_policy.h"
#include "providers/sns/topic_policy_schema.h"

namespace driftless::sns {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(topicTypeInfo(), topicInventory(), makeTopicProvider,
                    {{{"SetTopicAttributes", "DeleteTopic", "TagResource", "UntagResource",
                       "AddPermission", "RemovePermission", "PutDataProtectionPolicy"},
                      {"requestParameters.topicArn", "requestParameters.resourceArn"}}}),
       common::Type(
           subscriptionTypeInfo(), subscriptionInventory(), makeSubscriptionProvider,
           {{{"SetSubscriptionAttributes", "Unsubscribe"}, {"requestParameters.subscriptionArn"}}}),
       // The policy is the topic's Policy attribute; its id is its topics' ids, '|'-joined.
       common::Type(topicPolicyTypeInfo(), topicPolicyInventory(), makeTopicPolicyProvider,
                    {{{"SetTopicAttributes", "DeleteTopic"}, {"requestParameters.topicArn"}}})},
      {.name = "sns", .errors = {.notFound = {"NotFound", "NotFoundException"}}});
}

}  // namespace driftless::sns
