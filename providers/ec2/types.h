#pragma once
// The EC2 networking providers. Every id is assigned by AWS and recorded in
// state; taggable types share providers/ec2/tagged.h (ownership tags at
// creation, adoption by ownership tags after a crash, DependencyViolation as a
// wait); the others (attachment, route, association) are identified by what
// they join and are created idempotently: an existing identical one is adopted.
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::ec2 {

// AWS::EC2::VPC: CreateVpc; DNS attributes with ModifyVpcAttribute (read with
// DescribeVpcAttribute only when managed); GetAtt DefaultSecurityGroup and
// DefaultNetworkAcl read with DescribeSecurityGroups / DescribeNetworkAcls.
extern const common::MakeProvider makeVpcProvider;
// AWS::EC2::Subnet: CreateSubnet; MapPublicIpOnLaunch with ModifySubnetAttribute.
extern const common::MakeProvider makeSubnetProvider;
// AWS::EC2::InternetGateway: CreateInternetGateway (tags only).
extern const common::MakeProvider makeInternetGatewayProvider;
// AWS::EC2::EgressOnlyInternetGateway: CreateEgressOnlyInternetGateway (with a ClientToken).
extern const common::MakeProvider makeEgressOnlyInternetGatewayProvider;
// AWS::EC2::RouteTable: CreateRouteTable (with a ClientToken).
extern const common::MakeProvider makeRouteTableProvider;
// AWS::EC2::VPCGatewayAttachment: Attach/DetachInternetGateway; Ref "IGW|<vpc-id>".
extern const common::MakeProvider makeGatewayAttachmentProvider;
// AWS::EC2::Route: Create/Replace/DeleteRoute; Ref "<route-table-id>|<destination>".
extern const common::MakeProvider makeRouteProvider;
// AWS::EC2::SubnetRouteTableAssociation: Associate/ReplaceAssociation/Disassociate;
// Ref = the association id.
extern const common::MakeProvider makeSubnetRouteTableAssociationProvider;
// AWS::EC2::SecurityGroup: inline ingress/egress rules managed as sets.
extern const common::MakeProvider makeSecurityGroupProvider;
// AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: one rule each, identity
// the rule id (sgr-...), tagged at its Authorize call.
extern const common::MakeProvider makeSecurityGroupIngressProvider;
extern const common::MakeProvider makeSecurityGroupEgressProvider;
// AWS::EC2::EIP: AllocateAddress (domain vpc); identity the allocation id; Ref = public IP.
extern const common::MakeProvider makeEipProvider;
// AWS::EC2::NatGateway: CreateNatGateway (with a ClientToken), waited for until
// available; delete waits until deleted.
extern const common::MakeProvider makeNatGatewayProvider;
// AWS::EC2::NetworkAcl: CreateNetworkAcl (with a ClientToken); entries are resources of their own.
extern const common::MakeProvider makeNetworkAclProvider;
// AWS::EC2::NetworkAclEntry: Create/Replace/DeleteNetworkAclEntry; Ref
// "<acl-id>|<rule number>|ingress" (or "|egress").
extern const common::MakeProvider makeNetworkAclEntryProvider;
// AWS::EC2::SubnetNetworkAclAssociation: ReplaceNetworkAclAssociation; delete
// moves the subnet back to its VPC's default ACL. Ref = the association id.
extern const common::MakeProvider makeSubnetNetworkAclAssociationProvider;
// AWS::EC2::VPCCidrBlock: Associate/DisassociateVpcCidrBlock; Ref = the association id.
extern const common::MakeProvider makeVpcCidrBlockProvider;
// AWS::EC2::VPCEndpoint (Gateway or Interface): CreateVpcEndpoint (with a
// ClientToken), ModifyVpcEndpoint, DeleteVpcEndpoints waited for until gone.
extern const common::MakeProvider makeVpcEndpointProvider;
// AWS::EC2::KeyPair: ImportKeyPair, or CreateKeyPair with the private key put in
// the SSM SecureString parameter /ec2/keypair/<key-pair-id>; Ref = KeyName.
extern const common::MakeProvider makeKeyPairProvider;
// AWS::EC2::LaunchTemplate: CreateLaunchTemplate (with a ClientToken); a change
// of the data is CreateLaunchTemplateVersion + ModifyLaunchTemplate (the new
// default). Ref = the template id.
extern const common::MakeProvider makeLaunchTemplateProvider;
// AWS::EC2::Instance: RunInstances (with a ClientToken), waited for until
// running; security groups, protection, shutdown behaviour, source/dest check,
// monitoring, metadata options, CPU credits and volumes in place, every other
// property replaces; TerminateInstances waited for. Ref = the instance id.
extern const common::MakeProvider makeInstanceProvider;

}  // namespace driftless::ec2
