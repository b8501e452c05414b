#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::Version. Observe: GetFunctionConfiguration of the version ARN
// (from state; a version not yet published is absent). Create: PublishVersion;
// delete: DeleteFunction with the version as qualifier.
std::unique_ptr<Provider> makeVersionProvider(const ProviderContext& ctx);

// AWS::Lambda::Alias. Observe: GetAlias by function and name. Create:
// CreateAlias; update: UpdateAlias; delete: DeleteAlias.
std::unique_ptr<Provider> makeAliasProvider(const ProviderContext& ctx);

}  // namespace driftless::lambda
