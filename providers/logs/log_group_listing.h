#pragma once
// Log groups in bulk (issue 20): DescribeLogGroups, 50 groups a page, under
// the longest name prefix the observation's log groups share, carries every
// setting the log group type reads from it (retention, KMS key, class, the
// deletion-protection and bearer-token flags); tags come from the Tagging API
// snapshot when agreed (common/tag_snapshot.h), the policies from their own
// calls when the manifest manages them, as one by one. The cost model
// (common/bulk_read.h) learns each prefix's listing size.
#include "providers/common/bulk_read.h"

namespace driftless::logs {

// The log groups named with `prefix` (every log group for ""), as a bulk
// source of the AWS::Logs::LogGroup type.
common::BulkSource logGroupListing(const ProviderContext& ctx, const std::string& prefix);

}  // namespace driftless::logs
