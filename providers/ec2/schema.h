#pragma once
// The EC2 networking types as data: property schemas, Ref/GetAtt, validation,
// and the IAM actions each provider calls. Every id is assigned by AWS and
// recorded in state (no physical-name property).
#include <string>
#include <vector>

#include "providers/type_info.h"

namespace driftless::ec2 {

TypeInfo vpcTypeInfo();
TypeInfo subnetTypeInfo();
TypeInfo internetGatewayTypeInfo();
TypeInfo egressOnlyInternetGatewayTypeInfo();
TypeInfo gatewayAttachmentTypeInfo();
TypeInfo routeTableTypeInfo();
TypeInfo routeTypeInfo();
TypeInfo subnetRouteTableAssociationTypeInfo();
TypeInfo securityGroupTypeInfo();
TypeInfo securityGroupIngressTypeInfo();
TypeInfo securityGroupEgressTypeInfo();
TypeInfo eipTypeInfo();
TypeInfo natGatewayTypeInfo();
TypeInfo networkAclTypeInfo();
TypeInfo networkAclEntryTypeInfo();
TypeInfo subnetNetworkAclAssociationTypeInfo();
TypeInfo vpcCidrBlockTypeInfo();
TypeInfo vpcEndpointTypeInfo();
TypeInfo keyPairTypeInfo();
TypeInfo launchTemplateTypeInfo();
TypeInfo instanceTypeInfo();

// "a.b.c.d/n" with each octet 0-255 and n 0-32.
bool validIpv4Cidr(const std::string& s);

// The targets a route may name, exactly one per route (CloudFormation's names).
inline constexpr const char* kRouteTargets[] = {"GatewayId",
                                                "NatGatewayId",
                                                "TransitGatewayId",
                                                "VpcPeeringConnectionId",
                                                "NetworkInterfaceId",
                                                "InstanceId",
                                                "EgressOnlyInternetGatewayId",
                                                "VpcEndpointId",
                                                "CarrierGatewayId",
                                                "LocalGatewayId",
                                                "CoreNetworkArn"};

}  // namespace driftless::ec2
