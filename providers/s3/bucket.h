#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::s3 {

// AWS::S3::Bucket. Observe: GetBucketTagging (existence and ownership) plus one
// Get call per sub-configuration the manifest manages, and nothing else.
std::unique_ptr<Provider> makeBucketProvider(const ProviderContext& ctx);

}  // namespace driftless::s3
