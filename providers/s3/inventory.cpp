#include "providers/s3/inventory.h"

namespace driftless::s3 {

using P = InventoryCall::Protocol;

Inventory bucketInventory() {
  // ListBuckets names the buckets of every region.
  return Inventory{.arnMatch = "s3:",
                   .calls = {{.protocol = P::RestXml,
                              .operation = "ListBuckets",
                              .path = "/",
                              .items = "Buckets.Bucket",
                              .field = "Name",
                              .tokenIn = "continuation-token",
                              .tokenOut = "ContinuationToken"}},
                   .arn = "arn:{partition}:s3:::{value}"};
}

Inventory bucketPolicyInventory() {
  return Inventory{.notListed = "a bucket's policy, not a resource: it is seen with its bucket"};
}

}  // namespace driftless::s3
