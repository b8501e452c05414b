#pragma once
// The two-AZ stack of issue #18, shared by tests/integration/providers/
// ec2_stack_test.cpp and bench/network_bench.cpp: 28 resources of 14 types.
#include <string>

namespace driftless::platform {

// The two-AZ stack of issue #18: a VPC, public and private subnets in two
// zones, an internet gateway, one NAT gateway per zone with its EIP, public and
// private route tables with their routes and associations, two security
// groups, one allowing the other by a standalone ingress rule, a gateway (S3)
// and an interface (SQS) endpoint, a launch template and an instance.
constexpr const char* kTwoAzTemplate = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.61.0.0/16, EnableDnsHostnames: true}
  PublicA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.61.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true}
  PublicB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.61.1.0/24, AvailabilityZone: us-east-1b, MapPublicIpOnLaunch: true}
  PrivateA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.61.10.0/24, AvailabilityZone: us-east-1a}
  PrivateB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.61.11.0/24, AvailabilityZone: us-east-1b}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  PublicTable:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PublicDefault:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: {RouteTableId: !Ref PublicTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  PublicAssocA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref PublicTable}
  PublicAssocB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicB, RouteTableId: !Ref PublicTable}
  EipA:
    Type: AWS::EC2::EIP
    DependsOn: Attach
    Properties: {Domain: vpc}
  EipB:
    Type: AWS::EC2::EIP
    DependsOn: Attach
    Properties: {Domain: vpc}
  NatA:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref PublicA, AllocationId: !GetAtt EipA.AllocationId}
  NatB:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref PublicB, AllocationId: !GetAtt EipB.AllocationId}
  PrivateTableA:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PrivateTableB:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PrivateDefaultA:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref PrivateTableA, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref NatA}
  PrivateDefaultB:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref PrivateTableB, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref NatB}
  PrivateAssocA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PrivateA, RouteTableId: !Ref PrivateTableA}
  PrivateAssocB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PrivateB, RouteTableId: !Ref PrivateTableB}
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
  App:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app, VpcId: !Ref Vpc}
  AppFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref App, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref Web}
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.s3
      VpcEndpointType: Gateway
      RouteTableIds: [!Ref PrivateTableA, !Ref PrivateTableB]
  SqsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.sqs
      VpcEndpointType: Interface
      SubnetIds: [!Ref PrivateA, !Ref PrivateB]
      SecurityGroupIds: [!Ref App]
  AppTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {ImageId: ami-12c6146b, InstanceType: t3.micro}
  AppServer:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12c6146b, InstanceType: t3.micro, SubnetId: !Ref PrivateA, SecurityGroupIds: [!Ref App]}
)";

// The stack with its VPC in 10.<net>.0.0/16 (the template's is 10.61).
inline std::string twoAzStack(int net) {
  std::string out = kTwoAzTemplate;
  const std::string from = "10.61.", to = "10." + std::to_string(net) + ".";
  for (std::size_t at = out.find(from); at != std::string::npos;
       at = out.find(from, at + to.size()))
    out.replace(at, from.size(), to);
  return out;
}

}  // namespace driftless::platform
