#include "providers/logs/register.h"

#include "providers/common/service.h"
#include "providers/logs/change_events.h"
#include "providers/logs/inventory.h"
#include "providers/logs/log_group.h"
#include "providers/logs/metric_filter.h"
#include "providers/logs/schema.h"
#include "providers/logs/subscription_filter.h"

namespace driftless::logs {

void registerTypes(Registry& r) {
  // LimitExceededException is an account quota (log groups per region).
  const common::Service logs{
      .name = "logs",
      .errors = {.notFound = {"ResourceNotFoundException"},
                 .conflict = {"ResourceAlreadyExistsException", "OperationAbortedException"}},
  };
  common::add(r, logs, common::withInventory(logGroupTypeInfo(), logGroupInventory()),
              logGroupChangeEvents(), makeLogGroupProvider);
  common::add(r, logs, common::withInventory(metricFilterTypeInfo(), metricFilterInventory()),
              metricFilterChangeEvents(), makeMetricFilterProvider);
  common::add(r, logs,
              common::withInventory(subscriptionFilterTypeInfo(), subscriptionFilterInventory()),
              subscriptionFilterChangeEvents(), makeSubscriptionFilterProvider);
}

}  // namespace driftless::logs
