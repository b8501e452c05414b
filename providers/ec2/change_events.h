#pragma once
#include <vector>

#include "providers/type_info.h"

namespace driftless::ec2 {

// The CloudTrail write events (ec2.amazonaws.com) that change each EC2 type.
std::vector<ChangeEventRule> vpcChangeEvents();
std::vector<ChangeEventRule> subnetChangeEvents();
std::vector<ChangeEventRule> internetGatewayChangeEvents();
std::vector<ChangeEventRule> egressOnlyInternetGatewayChangeEvents();
std::vector<ChangeEventRule> gatewayAttachmentChangeEvents();
std::vector<ChangeEventRule> routeTableChangeEvents();
std::vector<ChangeEventRule> routeChangeEvents();
std::vector<ChangeEventRule> subnetRouteTableAssociationChangeEvents();
std::vector<ChangeEventRule> securityGroupChangeEvents();
// Both rule types: the events that change a group's rules.
std::vector<ChangeEventRule> securityGroupRuleChangeEvents();
std::vector<ChangeEventRule> eipChangeEvents();
std::vector<ChangeEventRule> natGatewayChangeEvents();
std::vector<ChangeEventRule> networkAclChangeEvents();
std::vector<ChangeEventRule> networkAclEntryChangeEvents();
std::vector<ChangeEventRule> subnetNetworkAclAssociationChangeEvents();
std::vector<ChangeEventRule> vpcCidrBlockChangeEvents();
std::vector<ChangeEventRule> vpcEndpointChangeEvents();
std::vector<ChangeEventRule> keyPairChangeEvents();
std::vector<ChangeEventRule> launchTemplateChangeEvents();
std::vector<ChangeEventRule> instanceChangeEvents();

}  // namespace driftless::ec2
