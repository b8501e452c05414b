// A VPC stack through the real reconcile path (`driftless apply`/`plan`
// against moto): VPC, public subnet, internet gateway and its attachment, a
// route table with a default route and an association, a security group, all
// wired by !Ref/!GetAtt, converged from empty in one apply; a no-op plan; a
// security-group rule added by hand reported as drift and removed; then the
// stack removed from Git and pruned in dependency order.
#include <filesystem>

#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

const char* kStack = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.60.0.0/16
      EnableDnsHostnames: true
      Tags: [{Key: Name, Value: lake}]
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.60.1.0/24
      AvailabilityZone: us-east-1a
      MapPublicIpOnLaunch: true
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Table:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Default:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  PublicRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Public
      RouteTableId: !Ref Table
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !GetAtt Vpc.VpcId
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !GetAtt Vpc.CidrBlock}
)";

TEST(Ec2Manifest, VpcStackConvergesDriftsHealsAndPrunes) {
  ManifestRun run;
  const std::string vpcs =
      "print(len(c.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.60.0.0/16']}])"
      "['Vpcs']))";
  run.s.push("dev", {{"net.yaml", kStack}});
  std::string out = run.apply();
  ASSERT_EQ(run.boto("ec2", vpcs), "1") << out;
  const std::string vpc =
      run.boto("ec2",
               "print(c.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.60.0.0/16']}])"
               "['Vpcs'][0]['VpcId'])");
  EXPECT_EQ(run.boto("ec2",
                     "print(len(c.describe_subnets(Filters=[{'Name': 'vpc-id', "
                     "'Values': ['" +
                         vpc + "']}])['Subnets']))"),
            "1");
  EXPECT_EQ(
      run.boto("ec2", "t = c.describe_route_tables(Filters=[{'Name': 'vpc-id', 'Values': ['" + vpc +
                          "']}, {'Name': 'association.main', 'Values': ['false']}])"
                          "['RouteTables'][0]\n"
                          "print(sorted(r['DestinationCidrBlock'] for r in t['Routes']), "
                          "len(t['Associations']))"),
      "['0.0.0.0/0', '10.60.0.0/16'] 1");
  ASSERT_EQ(run.plan(&out), 0) << "a no-op plan right after create:\n" << out;

  // A rule added by hand to the managed ingress set: drift, removed by apply (dev self-heals).
  const std::string group =
      "g = [g for g in c.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': ['" + vpc +
      "']}])['SecurityGroups'] if g['GroupName'] != 'default'][0]\n";
  run.boto("ec2", group +
                      "c.authorize_security_group_ingress(GroupId=g['GroupId'], IpPermissions=["
                      "{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, "
                      "'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])");
  ASSERT_EQ(run.plan(&out), 2) << "drift not detected:\n" << out;
  EXPECT_NE(out.find("SecurityGroupIngress"), std::string::npos) << out;
  out = run.apply();
  EXPECT_EQ(run.plan(&out), 0) << "drift not corrected:\n" << out;
  EXPECT_EQ(run.boto("ec2", group + "print([p['FromPort'] for p in g['IpPermissions']])"), "[443]");

  // The state lost (a crash before its write, or a state rebuilt): the next
  // apply finds every taggable resource by its ownership tags and every join by
  // what it joins, and creates nothing twice.
  int removedStates = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(run.s.dir.path() / "data"))
    if (f.path().filename() == "state.json") removedStates += std::filesystem::remove(f.path());
  ASSERT_GT(removedStates, 0);
  out = run.apply();
  EXPECT_EQ(run.boto("ec2", vpcs), "1") << out;
  EXPECT_EQ(run.boto("ec2",
                     "print(len(c.describe_subnets(Filters=[{'Name': 'vpc-id', "
                     "'Values': ['" +
                         vpc + "']}])['Subnets']))"),
            "1");
  EXPECT_EQ(run.boto("ec2",
                     "print(len(c.describe_security_groups(Filters=[{'Name': 'vpc-id', "
                     "'Values': ['" +
                         vpc + "']}])['SecurityGroups']))"),
            "2")
      << "the default group and ours";
  EXPECT_EQ(run.boto("ec2",
                     "print(len(c.describe_internet_gateways(Filters=[{'Name': "
                     "'attachment.vpc-id', 'Values': ['" +
                         vpc + "']}])['InternetGateways']))"),
            "1");
  EXPECT_EQ(run.plan(&out), 0) << "adopted back into state:\n" << out;

  // Removed from Git: pruned, dependents first (association, route, attachment
  // before the table, the gateway, the subnet and the VPC).
  run.removeStack("net.yaml");
  out = run.apply();
  EXPECT_EQ(run.boto("ec2", vpcs), "0") << out;
  EXPECT_EQ(run.plan(&out), 0) << out;
}

}  // namespace
}  // namespace driftless::platform
