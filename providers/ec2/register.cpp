#include "providers/ec2/register.h"

#include "providers/common/service.h"
#include "providers/ec2/change_events.h"
#include "providers/ec2/inventory.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

void registerTypes(Registry& r) {
  const common::Service ec2{
      .name = "ec2",
      .errors = {.notFound = {"InvalidVpcID.NotFound",
                              "InvalidSubnetID.NotFound",
                              "InvalidInternetGatewayID.NotFound",
                              "InvalidRouteTableID.NotFound",
                              "InvalidRoute.NotFound",
                              "InvalidAssociationID.NotFound",
                              "InvalidGroup.NotFound",
                              "InvalidGroupId.NotFound",
                              "InvalidSecurityGroupRuleId.NotFound",
                              "InvalidPermission.NotFound",
                              "InvalidAllocationID.NotFound",
                              "NatGatewayNotFound",
                              "InvalidGatewayID.NotFound",
                              "InvalidNetworkAclID.NotFound",
                              "InvalidNetworkAclEntry.NotFound",
                              "InvalidVpcCidrBlockAssociationID.NotFound",
                              "InvalidVpcCidrBlockAssociationIdError.NotFound",
                              "InvalidVpcEndpointId.NotFound",
                              "InvalidVpcEndpoint.NotFound",
                              "InvalidKeyPair.NotFound",
                              "InvalidLaunchTemplateName.NotFoundException",
                              "InvalidLaunchTemplateId.NotFound",
                              "InvalidInstanceID.NotFound"},
                 .conflict = {"InvalidGroup.Duplicate", "InvalidPermission.Duplicate",
                              "InvalidKeyPair.Duplicate"}},
  };
  common::add(r, ec2, common::withInventory(vpcTypeInfo(), vpcInventory()), vpcChangeEvents(),
              makeVpcProvider);
  common::add(r, ec2, common::withInventory(subnetTypeInfo(), subnetInventory()),
              subnetChangeEvents(), makeSubnetProvider);
  common::add(r, ec2, common::withInventory(internetGatewayTypeInfo(), internetGatewayInventory()),
              internetGatewayChangeEvents(), makeInternetGatewayProvider);
  common::add(r, ec2,
              common::withInventory(egressOnlyInternetGatewayTypeInfo(),
                                    egressOnlyInternetGatewayInventory()),
              egressOnlyInternetGatewayChangeEvents(), makeEgressOnlyInternetGatewayProvider);
  common::add(r, ec2, common::withInventory(gatewayAttachmentTypeInfo(), joinInventory()),
              gatewayAttachmentChangeEvents(), makeGatewayAttachmentProvider);
  common::add(r, ec2, common::withInventory(routeTableTypeInfo(), routeTableInventory()),
              routeTableChangeEvents(), makeRouteTableProvider);
  common::add(r, ec2, common::withInventory(routeTypeInfo(), joinInventory()), routeChangeEvents(),
              makeRouteProvider);
  common::add(r, ec2, common::withInventory(subnetRouteTableAssociationTypeInfo(), joinInventory()),
              subnetRouteTableAssociationChangeEvents(), makeSubnetRouteTableAssociationProvider);
  common::add(r, ec2, common::withInventory(securityGroupTypeInfo(), securityGroupInventory()),
              securityGroupChangeEvents(), makeSecurityGroupProvider);
  common::add(r, ec2, common::withInventory(securityGroupIngressTypeInfo(), joinInventory()),
              securityGroupRuleChangeEvents(), makeSecurityGroupIngressProvider);
  common::add(r, ec2, common::withInventory(securityGroupEgressTypeInfo(), joinInventory()),
              securityGroupRuleChangeEvents(), makeSecurityGroupEgressProvider);
  common::add(r, ec2, common::withInventory(eipTypeInfo(), eipInventory()), eipChangeEvents(),
              makeEipProvider);
  common::add(r, ec2, common::withInventory(natGatewayTypeInfo(), natGatewayInventory()),
              natGatewayChangeEvents(), makeNatGatewayProvider);
  common::add(r, ec2, common::withInventory(networkAclTypeInfo(), networkAclInventory()),
              networkAclChangeEvents(), makeNetworkAclProvider);
  common::add(r, ec2, common::withInventory(networkAclEntryTypeInfo(), joinInventory()),
              networkAclEntryChangeEvents(), makeNetworkAclEntryProvider);
  common::add(r, ec2, common::withInventory(subnetNetworkAclAssociationTypeInfo(), joinInventory()),
              subnetNetworkAclAssociationChangeEvents(), makeSubnetNetworkAclAssociationProvider);
  common::add(r, ec2, common::withInventory(vpcCidrBlockTypeInfo(), joinInventory()),
              vpcCidrBlockChangeEvents(), makeVpcCidrBlockProvider);
  common::add(r, ec2, common::withInventory(vpcEndpointTypeInfo(), vpcEndpointInventory()),
              vpcEndpointChangeEvents(), makeVpcEndpointProvider);
  common::add(r, ec2, common::withInventory(keyPairTypeInfo(), keyPairInventory()),
              keyPairChangeEvents(), makeKeyPairProvider);
  common::add(r, ec2, common::withInventory(launchTemplateTypeInfo(), launchTemplateInventory()),
              launchTemplateChangeEvents(), makeLaunchTemplateProvider);
  common::add(r, ec2, common::withInventory(instanceTypeInfo(), instanceInventory()),
              instanceChangeEvents(), makeInstanceProvider);
}

}  // namespace driftless::ec2
