#include "providers/s3/change_events.h"

namespace driftless::s3 {

std::vector<ChangeEventRule> bucketChangeEvents() {
  return {{"s3.amazonaws.com",
           {"PutBucketVersioning",
            "PutBucketEncryption",
            "DeleteBucketEncryption",
            "PutBucketTagging",
            "DeleteBucketTagging",
            "PutBucketPublicAccessBlock",
            "DeleteBucketPublicAccessBlock",
            "PutBucketLifecycle",
            "PutBucketLifecycleConfiguration",
            "DeleteBucketLifecycle",
            "PutBucketOwnershipControls",
            "DeleteBucketOwnershipControls",
            "PutBucketLogging",
            "PutBucketNotification",
            "PutBucketNotificationConfiguration",
            "PutBucketAcl",
            "PutBucketCors",
            "DeleteBucketCors",
            "PutBucketWebsite",
            "DeleteBucketWebsite",
            "PutBucketReplication",
            "DeleteBucketReplication",
            "PutObjectLockConfiguration",
            "PutAccelerateConfiguration",
            "PutBucketAbac",
            "DeleteBucket"},
           {"requestParameters.bucketName"}}};
}

std::vector<ChangeEventRule> bucketPolicyChangeEvents() {
  return {{"s3.amazonaws.com",
           {"PutBucketPolicy", "DeleteBucketPolicy", "DeleteBucket"},
           {"requestParameters.bucketName"}}};
}

}  // namespace driftless::s3
