#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::Version. Observe: GetFunctionConfiguration of the version ARN
// (from state; a version not yet published is absent). Create: PublishVersion;
// delete: DeleteFunction with the version as qualifier.
extern const common::MakeProvider makeVersionProvider;

// AWS::Lambda::Alias. Observe: GetAlias by function and name. Create:
// CreateAlias; update: UpdateAlias; delete: DeleteAlias.
extern const common::MakeProvider makeAliasProvider;

}  // namespace driftless::lambda
