#include "providers/s3/register.h"

#include "providers/common/service.h"
#include "providers/s3/bucket.h"
#include "providers/s3/bucket_policy.h"
#include "providers/s3/change_events.h"
#include "providers/s3/inventory.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {

void registerTypes(Registry& r) {
  const common::Service s3{
      .name = "s3",
      .errors = {.notFound = {"NoSuchBucket", "NoSuchBucketPolicy", "NoSuchLifecycleConfiguration",
                              "NoSuchTagSet"},
                 .conflict = {"BucketAlreadyExists", "OperationAborted"}},
  };
  common::add(r, s3, common::withInventory(bucketTypeInfo(), bucketInventory()),
              bucketChangeEvents(), makeBucketProvider);
  common::add(r, s3, common::withInventory(bucketPolicyTypeInfo(), bucketPolicyInventory()),
              bucketPolicyChangeEvents(), makeBucketPolicyProvider);
}

}  // namespace driftless::s3
