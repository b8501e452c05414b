#pragma once
// Secrets in bulk (issue 20): ListSecrets, 100 a page, filtered by the name
// prefix the observation's secrets share, carries everything DescribeSecret
// tells the secret type (Name, Description, KmsKeyId, Type, Tags, ARN) but
// not the value: a secret whose manifest manages SecretString still has its
// value read with GetSecretValue. ListSecrets lags writes by minutes (AWS:
// "might not reflect changes from the last five minutes") and leaves out
// secrets pending deletion: a secret the listing lacks or shows drifted is
// read with DescribeSecret, so absence and drift are always confirmed by the
// secret's own read. The cost model (common/bulk_read.h) decides per prefix.
#include "providers/common/bulk_read.h"

namespace driftless::secretsmanager {

// The secrets named with `prefix` (every secret for ""), as a bulk source of
// AWS::SecretsManager::Secret.
common::BulkSource secretListing(const ProviderContext& ctx, const std::string& prefix);

}  // namespace driftless::secretsmanager
