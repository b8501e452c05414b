#pragma once
// `unmanaged --all`'s declarations for the EC2 networking types
// (providers/common/inventory_spec.h): one Describe* each (EC2 answers every
// item in one page when MaxResults is not sent), AWS's own defaults left out.
#include "providers/common/inventory_spec.h"

namespace driftless::ec2 {

Inventory vpcInventory();
Inventory subnetInventory();
Inventory securityGroupInventory();
Inventory routeTableInventory();
Inventory natGatewayInventory();
Inventory eipInventory();
Inventory egressOnlyInternetGatewayInventory();
Inventory networkAclInventory();
Inventory vpcEndpointInventory();
Inventory keyPairInventory();
Inventory launchTemplateInventory();
Inventory instanceInventory();
// Each VPC has one made with it (the default VPC's), which cannot be told
// apart by a filter: named by the Tagging API scan when leaked, not listed.
Inventory internetGatewayInventory();
// A join between two resources (an attachment, a route, an association) or a
// rule of a security group: seen with what it joins.
Inventory joinInventory();

}  // namespace driftless::ec2
