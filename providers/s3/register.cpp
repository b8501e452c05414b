#include "providers/s3/register.h"

#include "providers/common/service.h"
#include "providers/s3/bucket.h"
#include "providers/s3/bucket_policy.h"
#include "providers/s3/inventory.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {

void registerTypes(Registry& r) {
  common::add(
      r,
      {common::Type(bucketTypeInfo(), bucketInventory(), makeBucketProvider,
                    {{{"PutBucketVersioning",
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
                      {"requestParameters.bucketName"}}}),
       common::Type(bucketPolicyTypeInfo(), bucketPolicyInventory(), makeBucketPolicyProvider,
                    {{{"PutBucketPolicy", "DeleteBucketPolicy", "DeleteBucket"},
                      {"requestParameters.bucketName"}}})},
      {.name = "s3",
       .errors = {.notFound = {"NoSuchBucket", "NoSuchBucketPolicy", "NoSuchLifecycleConfiguration",
                               "NoSuchTagSet"},
                  .conflict = {"BucketAlreadyExists", "OperationAborted"}}});
}

}  // namespace driftless::s3
