#pragma once
// `unmanaged --all`'s declarations for the EC2 networking types
// (providers/common/inventory_spec.h).
#include "providers/common/inventory_spec.h"

namespace driftless::ec2 {

// A type with an ARN of its own ("vpc/", "security-group/"): a leaked one
// (carrying the ownership tags) is named by the Tagging API scan; untagged
// ones are not listed yet.
Inventory taggedInventory(const char* arnResource);
// A join of two resources (an attachment, a route, an association) or a rule
// of a security group: seen with what it joins.
Inventory joinInventory();

}  // namespace driftless::ec2
