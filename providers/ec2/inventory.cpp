#include "providers/ec2/inventory.h"

#include <string>

namespace driftless::ec2 {

Inventory taggedInventory(const char* arnResource) {
  return Inventory{
      .arnMatch = std::string("ec2:") + arnResource,
      .notListed =
          "untagged EC2 networking resources are not listed yet (the account's default "
          "VPC, its subnets, main route tables and default security groups would need "
          "telling apart); leaked ones, which carry the ownership tags, are found by the "
          "Tagging API scan"};
}

Inventory joinInventory() {
  return Inventory{.notListed =
                       "a join between two resources (or a rule of a security group), "
                       "not a resource of its own: it is seen with what it joins"};
}

}  // namespace driftless::ec2
