#include "providers/s3/inventory.h"

#include "providers/common/json_list.h"

namespace driftless::s3 {

using P = InventoryCall::Protocol;

Inventory bucketInventory() {
  // ListBuckets names the buckets of every region.
  return common::listed("s3:",
                        {common::listCall(P::RestXml, "ListBuckets", "/", "Buckets.Bucket", "Name",
                                          "continuation-token", "ContinuationToken")},
                        "arn:{partition}:s3:::{value}");
}

Inventory bucketPolicyInventory() {
  return common::notListed("a bucket's policy, not a resource: it is seen with its bucket");
}

}  // namespace driftless::s3
