#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::s3 {

// AWS::S3::BucketPolicy: GetBucketPolicy / PutBucketPolicy / DeleteBucketPolicy.
extern const common::MakeProvider makeBucketPolicyProvider;

}  // namespace driftless::s3
