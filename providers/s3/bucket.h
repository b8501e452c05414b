#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::s3 {

// AWS::S3::Bucket. Observe: GetBucketTagging (existence and ownership) plus one
// Get call per sub-configuration the manifest manages, and nothing else.
extern const common::MakeProvider makeBucketProvider;

}  // namespace driftless::s3
