#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::kms {

// AWS::KMS::Alias over the KMS JSON protocol. Identity: AliasName. Observe:
// one DescribeKey of the alias name (it answers with the key the alias points
// to). KMS cannot tag an alias: ownership is the state entry. TargetKeyId is
// compared in the form the manifest gives it (key id or key ARN).
extern const common::MakeProvider makeAliasProvider;

}  // namespace driftless::kms
