#include "providers/logs/change_events.h"

namespace driftless::logs {

std::vector<ChangeEventRule> logGroupChangeEvents() {
  return {{"logs.amazonaws.com",
           {"PutRetentionPolicy", "DeleteRetentionPolicy", "TagLogGroup", "UntagLogGroup",
            "TagResource", "UntagResource", "AssociateKmsKey", "DisassociateKmsKey",
            "PutDataProtectionPolicy", "DeleteDataProtectionPolicy", "DeleteLogGroup"},
           {"requestParameters.logGroupName", "requestParameters.resourceArn"}}};
}

std::vector<ChangeEventRule> metricFilterChangeEvents() {
  return {{"logs.amazonaws.com",
           {"PutMetricFilter", "DeleteMetricFilter"},
           {"requestParameters.filterName"}}};
}

std::vector<ChangeEventRule> subscriptionFilterChangeEvents() {
  return {{"logs.amazonaws.com",
           {"PutSubscriptionFilter", "DeleteSubscriptionFilter"},
           {"requestParameters.filterName"}}};
}

}  // namespace driftless::logs
