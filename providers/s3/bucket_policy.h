#pragma once
#include <memory>

#include "providers/provider.h"

namespace driftless::s3 {

// AWS::S3::BucketPolicy: GetBucketPolicy / PutBucketPolicy / DeleteBucketPolicy.
std::unique_ptr<Provider> makeBucketPolicyProvider(const ProviderContext& ctx);

}  // namespace driftless::s3
