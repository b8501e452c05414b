#include "providers/s3/register.h"

#include "providers/s3/schema.h"

namespace driftless::s3 {

void registerTypes(Registry& r) {
  r.add(bucketTypeInfo(), nullptr);
  r.add(bucketPolicyTypeInfo(), nullptr);
}

}  // namespace driftless::s3
