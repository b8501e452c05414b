#include "providers/s3/register.h"

#include "providers/s3/bucket.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {

void registerTypes(Registry& r) {
  r.add(bucketTypeInfo(), makeBucketProvider);
  r.add(bucketPolicyTypeInfo(), makeBucketPolicyProvider);
}

}  // namespace driftless::s3
