#include "providers/logs/register.h"

#include "providers/common/service.h"
#include "providers/logs/inventory.h"
#include "providers/logs/log_group.h"
#include "providers/logs/metric_filter.h"
#include "providers/logs/schema.h"
#include "providers/logs/subscription_filter.h"

namespace driftless::logs {

void registerTypes(Registry& r) {
  // LimitExceededException is an account quota (log groups per region).
  common::add(
      r,
      {common::Type(
           logGroupTypeInfo(), logGroupInventory(), makeLogGroupProvider,
           {{{"PutRetentionPolicy", "DeleteRetentionPolicy", "TagLogGroup", "UntagLogGroup",
              "TagResource", "UntagResource", "AssociateKmsKey", "DisassociateKmsKey",
              "PutDataProtectionPolicy", "DeleteDataProtectionPolicy", "DeleteLogGroup"},
             {"requestParameters.logGroupName", "requestParameters.resourceArn"}}}),
       common::Type(
           metricFilterTypeInfo(), metricFilterInventory(), makeMetricFilterProvider,
           {{{"PutMetricFilter", "DeleteMetricFilter"}, {"requestParameters.filterName"}}}),
       common::Type(subscriptionFilterTypeInfo(), subscriptionFilterInventory(),
                    makeSubscriptionFilterProvider,
                    {{{"PutSubscriptionFilter", "DeleteSubscriptionFilter"},
                      {"requestParameters.filterName"}}})},
      {.name = "logs",
       .errors = {.notFound = {"ResourceNotFoundException"},
                  .conflict = {"ResourceAlreadyExistsException", "OperationAbortedException"}}});
}

}  // namespace driftless::logs
