#pragma once
// Rules in bulk (issue 20): ListRules, 100 a page, of one event bus and the
// name prefix the observation's rules share, carries everything DescribeRule
// tells the rule type (Name, Arn, EventPattern, ScheduleExpression, State,
// Description, RoleArn, EventBusName). Tags come from the Tagging API
// snapshot when they agree (else ListTagsForResource) and, when the manifest
// manages them, targets from ListTargetsByRule per rule. A rule the listing
// lacks or shows drifted is read with DescribeRule (EventBridge's lists are
// eventually consistent), so absence and drift are confirmed by the rule's
// own read. Event buses are read one by one: ListEventBuses lacks
// KmsKeyIdentifier, DeadLetterConfig and LogConfig, which an update needs
// live (UpdateEventBus resets what it is not given).
#include "providers/common/bulk_read.h"

namespace driftless::events {

// The rules of event bus `bus` ("" for the default bus; a name or an ARN)
// named with `prefix`, as a bulk source of AWS::Events::Rule.
common::BulkSource ruleListing(const ProviderContext& ctx, const std::string& bus,
                               const std::string& prefix);

}  // namespace driftless::events
