#pragma once
// AWS::S3::Bucket and AWS::S3::BucketPolicy as data: property schemas in the
// CloudFormation resource reference's names, Ref/GetAtt, and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::s3 {

TypeInfo bucketTypeInfo();
TypeInfo bucketPolicyTypeInfo();

// The S3 bucket naming rules (general purpose buckets); empty when valid.
std::vector<std::string> validateBucketName(std::string_view name);
std::vector<std::string> validateBucket(const Properties& props);
std::vector<std::string> validateBucketPolicy(const Properties& props);

}  // namespace driftless::s3
