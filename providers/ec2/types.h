#pragma once
// The EC2 networking providers. Every id is assigned by AWS and recorded in
// state; taggable types share providers/ec2/tagged.h (ownership tags at
// creation, adoption by ownership tags after a crash, DependencyViolation as a
// wait); the others (attachment, route, association) are identified by what
// they join and are created idempotently: an existing identical one is adopted.
#include <memory>

#include "providers/provider.h"

namespace driftless::ec2 {

// AWS::EC2::VPC: CreateVpc; DNS attributes with ModifyVpcAttribute (read with
// DescribeVpcAttribute only when managed); GetAtt DefaultSecurityGroup and
// DefaultNetworkAcl read with DescribeSecurityGroups / DescribeNetworkAcls.
std::unique_ptr<Provider> makeVpcProvider(const ProviderContext& ctx);
// AWS::EC2::Subnet: CreateSubnet; MapPublicIpOnLaunch with ModifySubnetAttribute.
std::unique_ptr<Provider> makeSubnetProvider(const ProviderContext& ctx);
// AWS::EC2::InternetGateway: CreateInternetGateway (tags only).
std::unique_ptr<Provider> makeInternetGatewayProvider(const ProviderContext& ctx);
// AWS::EC2::EgressOnlyInternetGateway: CreateEgressOnlyInternetGateway (with a ClientToken).
std::unique_ptr<Provider> makeEgressOnlyInternetGatewayProvider(const ProviderContext& ctx);
// AWS::EC2::RouteTable: CreateRouteTable (with a ClientToken).
std::unique_ptr<Provider> makeRouteTableProvider(const ProviderContext& ctx);
// AWS::EC2::VPCGatewayAttachment: Attach/DetachInternetGateway; Ref "IGW|<vpc-id>".
std::unique_ptr<Provider> makeGatewayAttachmentProvider(const ProviderContext& ctx);
// AWS::EC2::Route: Create/Replace/DeleteRoute; Ref "<route-table-id>|<destination>".
std::unique_ptr<Provider> makeRouteProvider(const ProviderContext& ctx);
// AWS::EC2::SubnetRouteTableAssociation: Associate/ReplaceAssociation/Disassociate;
// Ref = the association id.
std::unique_ptr<Provider> makeSubnetRouteTableAssociationProvider(const ProviderContext& ctx);
// AWS::EC2::SecurityGroup: inline ingress/egress rules managed as sets.
std::unique_ptr<Provider> makeSecurityGroupProvider(const ProviderContext& ctx);
// AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: one rule each, identity
// the rule id (sgr-...), tagged at its Authorize call.
std::unique_ptr<Provider> makeSecurityGroupIngressProvider(const ProviderContext& ctx);
std::unique_ptr<Provider> makeSecurityGroupEgressProvider(const ProviderContext& ctx);
// AWS::EC2::EIP: AllocateAddress (domain vpc); identity the allocation id; Ref = public IP.
std::unique_ptr<Provider> makeEipProvider(const ProviderContext& ctx);
// AWS::EC2::NatGateway: CreateNatGateway (with a ClientToken), waited for until
// available; delete waits until deleted.
std::unique_ptr<Provider> makeNatGatewayProvider(const ProviderContext& ctx);
// AWS::EC2::NetworkAcl: CreateNetworkAcl (with a ClientToken); entries are resources of their own.
std::unique_ptr<Provider> makeNetworkAclProvider(const ProviderContext& ctx);
// AWS::EC2::NetworkAclEntry: Create/Replace/DeleteNetworkAclEntry; Ref
// "<acl-id>|<rule number>|ingress" (or "|egress").
std::unique_ptr<Provider> makeNetworkAclEntryProvider(const ProviderContext& ctx);
// AWS::EC2::SubnetNetworkAclAssociation: ReplaceNetworkAclAssociation; delete
// moves the subnet back to its VPC's default ACL. Ref = the association id.
std::unique_ptr<Provider> makeSubnetNetworkAclAssociationProvider(const ProviderContext& ctx);
// AWS::EC2::VPCCidrBlock: Associate/DisassociateVpcCidrBlock; Ref = the association id.
std::unique_ptr<Provider> makeVpcCidrBlockProvider(const ProviderContext& ctx);
// AWS::EC2::VPCEndpoint (Gateway or Interface): CreateVpcEndpoint (with a
// ClientToken), ModifyVpcEndpoint, DeleteVpcEndpoints waited for until gone.
std::unique_ptr<Provider> makeVpcEndpointProvider(const ProviderContext& ctx);
// AWS::EC2::KeyPair: ImportKeyPair, or CreateKeyPair with the private key put in
// the SSM SecureString parameter /ec2/keypair/<key-pair-id>; Ref = KeyName.
std::unique_ptr<Provider> makeKeyPairProvider(const ProviderContext& ctx);
// AWS::EC2::LaunchTemplate: CreateLaunchTemplate (with a ClientToken); a change
// of the data is CreateLaunchTemplateVersion + ModifyLaunchTemplate (the new
// default). Ref = the template id.
std::unique_ptr<Provider> makeLaunchTemplateProvider(const ProviderContext& ctx);
// AWS::EC2::Instance: RunInstances (with a ClientToken), waited for until
// running; security groups, protection, shutdown behaviour, source/dest check,
// monitoring, metadata options, CPU credits and volumes in place, every other
// property replaces; TerminateInstances waited for. Ref = the instance id.
std::unique_ptr<Provider> makeInstanceProvider(const ProviderContext& ctx);

}  // namespace driftless::ec2
