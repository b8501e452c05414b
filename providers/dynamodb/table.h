#pragma once
#include <memory>

#include "providers/common/wait.h"
#include "providers/provider.h"

namespace driftless::dynamodb {

// AWS::DynamoDB::Table over the DynamoDB JSON protocol. Observe: DescribeTable
// and ListTagsOfResource, plus DescribeTimeToLive / DescribeContinuousBackups
// only when the manifest manages TTL / point-in-time recovery. create and
// update return once the table and its indexes are ACTIVE (bounded by `wait`).
std::unique_ptr<Provider> makeTableProvider(const ProviderContext& ctx,
                                            common::WaitOptions wait = {});

}  // namespace driftless::dynamodb
