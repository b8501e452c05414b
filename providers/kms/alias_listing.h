#pragma once
// Aliases in bulk (issue 20): ListAliases, 100 a page, carries the whole
// configuration of an AWS::KMS::Alias (AliasName, TargetKeyId; the key's ARN
// is the alias ARN's prefix with key/<TargetKeyId>), so a full observation of
// many aliases reads them in ⌈aliases in the account / 100⌉ requests instead of
// one DescribeKey each; the cost model (common/bulk_read.h) decides.
// Keys have no such listing: ListKeys carries only ids and ARNs, and a key's
// description, policy and rotation each have their own call (its tags come
// from the Tagging API snapshot when they agree).
#include "providers/common/bulk_read.h"

namespace driftless::kms {

// The account's aliases in this region, as a bulk source of AWS::KMS::Alias.
common::BulkSource aliasListing(const ProviderContext& ctx);

// The ARN of the key a listed alias points to ("" when it points to none).
std::string targetKeyArn(const Value& listed);

}  // namespace driftless::kms
