#include "providers/ec2/change_events.h"

namespace driftless::ec2 {

namespace {
constexpr const char* kSource = "ec2.amazonaws.com";
// Tags of any EC2 resource: CreateTags/DeleteTags name it in resourcesSet.
ChangeEventRule tagEvents() {
  return {
      kSource, {"CreateTags", "DeleteTags"}, {"requestParameters.resourcesSet.items.0.resourceId"}};
}
}  // namespace

std::vector<ChangeEventRule> vpcChangeEvents() {
  return {{kSource, {"ModifyVpcAttribute", "DeleteVpc"}, {"requestParameters.vpcId"}}, tagEvents()};
}

std::vector<ChangeEventRule> subnetChangeEvents() {
  return {{kSource, {"ModifySubnetAttribute", "DeleteSubnet"}, {"requestParameters.subnetId"}},
          tagEvents()};
}

std::vector<ChangeEventRule> internetGatewayChangeEvents() {
  return {{kSource, {"DeleteInternetGateway"}, {"requestParameters.internetGatewayId"}},
          tagEvents()};
}

std::vector<ChangeEventRule> egressOnlyInternetGatewayChangeEvents() {
  return {
      {kSource,
       {"DeleteEgressOnlyInternetGateway"},
       {"requestParameters.DeleteEgressOnlyInternetGatewayRequest.EgressOnlyInternetGatewayId"}},
      tagEvents()};
}

std::vector<ChangeEventRule> gatewayAttachmentChangeEvents() {
  return {
      {kSource, {"AttachInternetGateway", "DetachInternetGateway"}, {"requestParameters.vpcId"}}};
}

std::vector<ChangeEventRule> routeTableChangeEvents() {
  return {{kSource, {"DeleteRouteTable"}, {"requestParameters.routeTableId"}}, tagEvents()};
}

std::vector<ChangeEventRule> routeChangeEvents() {
  return {{kSource,
           {"CreateRoute", "ReplaceRoute", "DeleteRoute"},
           {"requestParameters.routeTableId"}}};
}

std::vector<ChangeEventRule> subnetRouteTableAssociationChangeEvents() {
  return {{kSource,
           {"ReplaceRouteTableAssociation", "DisassociateRouteTable"},
           {"requestParameters.associationId"}}};
}

std::vector<ChangeEventRule> securityGroupChangeEvents() {
  return {{kSource,
           {"AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
            "DeleteSecurityGroup"},
           {"requestParameters.groupId"}},
          tagEvents()};
}

std::vector<ChangeEventRule> securityGroupRuleChangeEvents() {
  return {
      {kSource,
       {"RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
        "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress"},
       {"requestParameters.securityGroupRuleIds.items.0.securityGroupRuleId"}},
      tagEvents()};
}

std::vector<ChangeEventRule> eipChangeEvents() {
  return {{kSource, {"ReleaseAddress"}, {"requestParameters.allocationId"}}, tagEvents()};
}

std::vector<ChangeEventRule> natGatewayChangeEvents() {
  return {
      {kSource, {"DeleteNatGateway"}, {"requestParameters.DeleteNatGatewayRequest.NatGatewayId"}},
      tagEvents()};
}

std::vector<ChangeEventRule> networkAclChangeEvents() {
  return {{kSource, {"DeleteNetworkAcl"}, {"requestParameters.networkAclId"}}, tagEvents()};
}

std::vector<ChangeEventRule> networkAclEntryChangeEvents() {
  return {{kSource,
           {"CreateNetworkAclEntry", "ReplaceNetworkAclEntry", "DeleteNetworkAclEntry"},
           {"requestParameters.networkAclId"}}};
}

std::vector<ChangeEventRule> subnetNetworkAclAssociationChangeEvents() {
  return {{kSource, {"ReplaceNetworkAclAssociation"}, {"requestParameters.associationId"}}};
}

std::vector<ChangeEventRule> vpcCidrBlockChangeEvents() {
  return {{kSource, {"DisassociateVpcCidrBlock"}, {"requestParameters.associationId"}}};
}

std::vector<ChangeEventRule> vpcEndpointChangeEvents() {
  return {{kSource,
           {"ModifyVpcEndpoint"},
           {"requestParameters.ModifyVpcEndpointRequest.VpcEndpointId"}},
          {kSource,
           {"DeleteVpcEndpoints"},
           {"requestParameters.DeleteVpcEndpointsRequest.VpcEndpointId.content"}},
          tagEvents()};
}

std::vector<ChangeEventRule> keyPairChangeEvents() {
  return {{kSource, {"DeleteKeyPair"}, {"requestParameters.keyName"}}, tagEvents()};
}

std::vector<ChangeEventRule> launchTemplateChangeEvents() {
  return {{kSource,
           {"CreateLaunchTemplateVersion", "ModifyLaunchTemplate", "DeleteLaunchTemplate"},
           {"requestParameters.CreateLaunchTemplateVersionRequest.LaunchTemplateId",
            "requestParameters.ModifyLaunchTemplateRequest.LaunchTemplateId",
            "requestParameters.DeleteLaunchTemplateRequest.LaunchTemplateId"}},
          tagEvents()};
}

std::vector<ChangeEventRule> instanceChangeEvents() {
  return {{kSource,
           {"ModifyInstanceAttribute", "AttachVolume", "DetachVolume"},
           {"requestParameters.instanceId"}},
          {kSource,
           {"TerminateInstances", "StopInstances", "StartInstances", "MonitorInstances",
            "UnmonitorInstances"},
           {"requestParameters.instancesSet.items.0.instanceId"}},
          {kSource,
           {"ModifyInstanceMetadataOptions"},
           {"requestParameters.ModifyInstanceMetadataOptionsRequest.InstanceId"}},
          tagEvents()};
}

}  // namespace driftless::ec2
