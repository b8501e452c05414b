#pragma once
// SSM parameters in bulk (issue 20), by name: the observation's parameter
// names are known, so nothing is listed beyond them.
// - GetParameters, 10 names a call, without decryption: Type, Value (a
//   SecureString's as ciphertext, so one whose value the manifest manages is
//   read on its own, decrypted), DataType, ARN; a name in InvalidParameters
//   is absent.
// - DescribeParameters filtered by Name (Equals, 50 names a call) for the
//   metadata GetParameters lacks (Description, AllowedPattern, Tier,
//   Policies), when the manifest manages any of it.
// Tags come from the Tagging API snapshot when agreed (common/tag_snapshot.h).
#include "providers/common/bulk_read.h"

namespace driftless::ssm {

// The parameters' values (GetParameters), a bulk source of AWS::SSM::Parameter.
common::BulkSource parameterValues(const ProviderContext& ctx);
// Their metadata (DescribeParameters), likewise.
common::BulkSource parameterMetadata(const ProviderContext& ctx);

}  // namespace driftless::ssm
