#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::ecr {

// AWS::ECR::Repository over the ECR JSON protocol. Identity: the repository
// name. Observe: DescribeRepositories and ListTagsForResource, plus
// GetLifecyclePolicy / GetRepositoryPolicy only when managed (2 to 4 calls).
// Delete refuses a repository with images unless EmptyOnDelete: true.
extern const common::MakeProvider makeRepositoryProvider;

}  // namespace driftless::ecr
