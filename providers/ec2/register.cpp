#include "providers/ec2/register.h"

#include "providers/common/service.h"
#include "providers/ec2/change_events.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

void registerTypes(Registry& r) {
  const common::Service ec2{
      .name = "ec2",
      .errors = {.notFound = {"InvalidVpcID.NotFound", "InvalidSubnetID.NotFound",
                              "InvalidInternetGatewayID.NotFound", "InvalidRouteTableID.NotFound",
                              "InvalidRoute.NotFound", "InvalidAssociationID.NotFound",
                              "InvalidGroup.NotFound", "InvalidGroupId.NotFound",
                              "InvalidSecurityGroupRuleId.NotFound", "InvalidPermission.NotFound",
                              "InvalidAllocationID.NotFound", "NatGatewayNotFound",
                              "InvalidGatewayID.NotFound"},
                 .conflict = {"InvalidGroup.Duplicate", "InvalidPermission.Duplicate"}},
  };
  common::add(r, ec2, vpcTypeInfo(), vpcChangeEvents(), makeVpcProvider);
  common::add(r, ec2, subnetTypeInfo(), subnetChangeEvents(), makeSubnetProvider);
  common::add(r, ec2, internetGatewayTypeInfo(), internetGatewayChangeEvents(),
              makeInternetGatewayProvider);
  common::add(r, ec2, egressOnlyInternetGatewayTypeInfo(), egressOnlyInternetGatewayChangeEvents(),
              makeEgressOnlyInternetGatewayProvider);
  common::add(r, ec2, gatewayAttachmentTypeInfo(), gatewayAttachmentChangeEvents(),
              makeGatewayAttachmentProvider);
  common::add(r, ec2, routeTableTypeInfo(), routeTableChangeEvents(), makeRouteTableProvider);
  common::add(r, ec2, routeTypeInfo(), routeChangeEvents(), makeRouteProvider);
  common::add(r, ec2, subnetRouteTableAssociationTypeInfo(),
              subnetRouteTableAssociationChangeEvents(), makeSubnetRouteTableAssociationProvider);
  common::add(r, ec2, securityGroupTypeInfo(), securityGroupChangeEvents(),
              makeSecurityGroupProvider);
  common::add(r, ec2, securityGroupIngressTypeInfo(), securityGroupRuleChangeEvents(),
              makeSecurityGroupIngressProvider);
  common::add(r, ec2, securityGroupEgressTypeInfo(), securityGroupRuleChangeEvents(),
              makeSecurityGroupEgressProvider);
  common::add(r, ec2, eipTypeInfo(), eipChangeEvents(), makeEipProvider);
  common::add(r, ec2, natGatewayTypeInfo(), natGatewayChangeEvents(), makeNatGatewayProvider);
}

}  // namespace driftless::ec2
