#include "providers/s3/register.h"

#include "providers/s3/bucket.h"
#include "providers/s3/change_events.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(bucketTypeInfo(), bucketChangeEvents()), makeBucketProvider);
  r.add(withChangeEvents(bucketPolicyTypeInfo(), bucketPolicyChangeEvents()),
        makeBucketPolicyProvider);
}

}  // namespace driftless::s3
