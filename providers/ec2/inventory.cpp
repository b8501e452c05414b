#include "providers/ec2/inventory.h"

#include <string>
#include <utility>
#include <vector>

namespace driftless::ec2 {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// One Describe*, every item's id at `field` of `<set>.item`, its ARN
// arn:...:ec2:region:account:<resource>/<id>.
Inventory described(std::string resource, std::string operation, std::string set, std::string field,
                    Params params = {}) {
  return Inventory{.arnMatch = "ec2:" + resource + "/",
                   .calls = {{.protocol = InventoryCall::Protocol::Query,
                              .operation = std::move(operation),
                              .params = std::move(params),
                              .items = std::move(set) + ".item",
                              .field = std::move(field),
                              .tokenIn = "NextToken"}},
                   .arn = "arn:{partition}:ec2:{region}:{account}:" + resource + "/{value}"};
}

// AWS's own item of a kind, told apart by one Describe* of the id.
InventoryCheck ownedByAws(std::string operation, std::string param, std::string path,
                          std::string value) {
  return {.operation = std::move(operation),
          .param = std::move(param),
          .from = "{last}",
          .path = std::move(path),
          .skipValues = {std::move(value)}};
}

}  // namespace

Inventory vpcInventory() {
  // The account's default VPC is AWS's.
  return described("vpc", "DescribeVpcs", "vpcSet", "vpcId",
                   {{"Filter.1.Name", "is-default"}, {"Filter.1.Value.1", "false"}});
}

Inventory subnetInventory() {
  // The default VPC's subnets (one per zone) are AWS's.
  return described("subnet", "DescribeSubnets", "subnetSet", "subnetId",
                   {{"Filter.1.Name", "default-for-az"}, {"Filter.1.Value.1", "false"}});
}

Inventory securityGroupInventory() {
  // Every VPC's "default" group is made with it.
  Inventory inv =
      described("security-group", "DescribeSecurityGroups", "securityGroupInfo", "groupId");
  inv.check = ownedByAws("DescribeSecurityGroups", "GroupId.1", "securityGroupInfo.item.groupName",
                         "default");
  return inv;
}

Inventory routeTableInventory() {
  // Every VPC's main route table is made with it.
  Inventory inv = described("route-table", "DescribeRouteTables", "routeTableSet", "routeTableId");
  inv.check = ownedByAws("DescribeRouteTables", "RouteTableId.1",
                         "routeTableSet.item.associationSet.item.main", "true");
  return inv;
}

Inventory natGatewayInventory() {
  // Deleted gateways stay listed for about an hour.
  return described("natgateway", "DescribeNatGateways", "natGatewaySet", "natGatewayId",
                   {{"Filter.1.Name", "state"},
                    {"Filter.1.Value.1", "pending"},
                    {"Filter.1.Value.2", "available"}});
}

Inventory eipInventory() {
  return described("elastic-ip", "DescribeAddresses", "addressesSet", "allocationId");
}

Inventory egressOnlyInternetGatewayInventory() {
  return described("egress-only-internet-gateway", "DescribeEgressOnlyInternetGateways",
                   "egressOnlyInternetGatewaySet", "egressOnlyInternetGatewayId");
}

Inventory networkAclInventory() {
  // Every VPC's default ACL is made with it.
  return described("network-acl", "DescribeNetworkAcls", "networkAclSet", "networkAclId",
                   {{"Filter.1.Name", "default"}, {"Filter.1.Value.1", "false"}});
}

Inventory vpcEndpointInventory() {
  // Deleted endpoints stay listed for a while.
  return described("vpc-endpoint", "DescribeVpcEndpoints", "vpcEndpointSet", "vpcEndpointId",
                   {{"Filter.1.Name", "vpc-endpoint-state"},
                    {"Filter.1.Value.1", "pendingAcceptance"},
                    {"Filter.1.Value.2", "pending"},
                    {"Filter.1.Value.3", "available"}});
}

Inventory keyPairInventory() {
  // Its ARN names the key-pair id (the name is its Ref).
  return described("key-pair", "DescribeKeyPairs", "keySet", "keyPairId");
}

Inventory launchTemplateInventory() {
  return described("launch-template", "DescribeLaunchTemplates", "launchTemplates",
                   "launchTemplateId");
}

Inventory instanceInventory() {
  // Instances are nested in reservations; terminated ones stay listed for an hour.
  return described("instance", "DescribeInstances", "reservationSet.item.instancesSet",
                   "instanceId",
                   {{"Filter.1.Name", "instance-state-name"},
                    {"Filter.1.Value.1", "pending"},
                    {"Filter.1.Value.2", "running"},
                    {"Filter.1.Value.3", "stopping"},
                    {"Filter.1.Value.4", "stopped"}});
}

Inventory internetGatewayInventory() {
  return Inventory{.arnMatch = "ec2:internet-gateway/",
                   .notListed =
                       "the default VPC's gateway cannot be told apart by a filter; a "
                       "leaked one (it carries the ownership tags) is found by the "
                       "Tagging API scan"};
}

Inventory joinInventory() {
  return Inventory{.notListed =
                       "a join between two resources (or a rule of a security group), "
                       "not a resource of its own: it is seen with what it joins"};
}

}  // namespace driftless::ec2
