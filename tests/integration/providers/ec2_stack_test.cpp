// A VPC stack through the real reconcile path (`driftless apply`/`plan`
// against moto): VPC, public subnet, internet gateway and its attachment, a
// route table with a default route and an association, a security group, all
// wired by !Ref/!GetAtt, converged from empty in one apply; a no-op plan; a
// security-group rule added by hand reported as drift and removed; then the
// stack removed from Git and pruned in dependency order.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include "tests/integration/providers/platform_harness.h"
#include "tests/integration/providers/two_az_stack.h"
#include "tests/support/fault_proxy.h"

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

// Converged from empty in one apply; a no-op plan right after reads the EC2
// types in bulk (one Describe* per type, counted at a proxy in front of moto;
// the VPC's default group comes with the groups, by vpc-id; plus the VPC's
// default ACL and its one DNS attribute, and the launch template's default
// version); a route changed by hand is drift and corrected; removed from Git,
// pruned in order.
TEST(Ec2Manifest, TwoAzStackConvergesInOneApplyAndItsNoOpPlanReadsInBulk) {
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  ManifestRun run(proxy.url());
  const std::string vpcs =
      "print(len(c.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.61.0.0/16']}])"
      "['Vpcs']))";
  run.s.push("dev", {{"net.yaml", twoAzStack(61)}});
  std::string out = run.apply();
  ASSERT_EQ(run.boto("ec2", vpcs), "1") << out;
  const std::string vpc =
      run.boto("ec2",
               "print(c.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.61.0.0/16']}])"
               "['Vpcs'][0]['VpcId'])");
  const std::string inVpc = "Filters=[{'Name': 'vpc-id', 'Values': ['" + vpc + "']}]";
  EXPECT_EQ(run.boto("ec2", "print(len(c.describe_subnets(" + inVpc + ")['Subnets']))"), "4");
  EXPECT_EQ(run.boto("ec2", "print(sorted(n['State'] for n in c.describe_nat_gateways(" + inVpc +
                                ")['NatGateways']))"),
            "['available', 'available']");

  proxy.resetCounts();
  ASSERT_EQ(run.plan(&out), 0) << "a no-op plan right after create:\n" << out;
  std::map<std::string, int> ec2Calls;
  for (const auto& r : proxy.requests())
    if (r.service == "ec2") ++ec2Calls[r.operation];
  const std::map<std::string, int> once = {
      {"DescribeVpcs", 1},
      {"DescribeVpcAttribute", 1},
      {"DescribeNetworkAcls", 1},
      {"DescribeSubnets", 1},
      {"DescribeInternetGateways", 1},
      {"DescribeRouteTables", 1},
      {"DescribeAddresses", 1},
      {"DescribeNatGateways", 1},
      {"DescribeInstances", 1},
      {"DescribeLaunchTemplates", 1},
      {"DescribeLaunchTemplateVersions", 1},
      {"DescribeVpcEndpoints", 1},    // by id parameter (moto lacks the id filter)
      {"DescribeSecurityGroups", 1},  // ours and the VPC's default, by vpc-id
      {"DescribeSecurityGroupRules", 1}};
  EXPECT_EQ(ec2Calls, once) << "28 resources of 14 types:\n" << out;

  // A route pointed elsewhere by hand: drift, corrected by apply (dev self-heals).
  run.boto("ec2", "t = c.describe_route_tables(" + inVpc +
                      ")['RouteTables']\n"
                      "t = [t for t in t if any(r.get('NatGatewayId') for r in t['Routes'])][0]\n"
                      "igw = c.describe_internet_gateways(Filters=[{'Name': 'attachment.vpc-id', "
                      "'Values': ['" +
                      vpc +
                      "']}])['InternetGateways'][0]['InternetGatewayId']\n"
                      "c.replace_route(RouteTableId=t['RouteTableId'], "
                      "DestinationCidrBlock='0.0.0.0/0', GatewayId=igw)");
  ASSERT_EQ(run.plan(&out), 2) << "drift not detected:\n" << out;
  EXPECT_NE(out.find("NatGatewayId"), std::string::npos) << out;
  out = run.apply();
  EXPECT_EQ(run.plan(&out), 0) << "drift not corrected:\n" << out;

  run.removeStack("net.yaml");
  out = run.apply();
  EXPECT_EQ(run.boto("ec2", vpcs), "0") << out;
  EXPECT_EQ(run.boto("ec2",
                     "print(len(c.describe_addresses(Filters=[{'Name': "
                     "'tag:driftless:logical-id', 'Values': ['EipA', 'EipB']}])"
                     "['Addresses']))"),
            "0")
      << "the NAT gateways' addresses are released";
}

// A VPC, a subnet, and a NAT gateway with its address: the three creations a
// crash can interrupt.
std::string crashStack(int round) {
  const std::string net = "10.6" + std::to_string(2 + round);
  return R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: )" +
         net + R"(.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: )" +
         net + R"(.1.0/24}
  Eip:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Subnet, AllocationId: !GetAtt Eip.AllocationId}
)";
}

// SIGKILL right after AWS acted on CreateVpc, CreateSubnet or
// CreateNatGateway, before the daemon could read the answer (the proxy
// forwards the call, then resets the connection; the daemon is killed as soon
// as the proxy has forwarded it). The next apply adopts what the killed cycle
// created, by its ownership tags, and creates nothing twice.
TEST(Ec2Manifest, SigkillAfterCreateVpcSubnetOrNatGatewayCreatesNothingTwice) {
  const std::vector<std::string> kills = {"CreateVpc", "CreateSubnet", "CreateNatGateway"};
  for (std::size_t round = 0; round < kills.size(); ++round) {
    SCOPED_TRACE(kills[round]);
    testing::FaultProxy proxy(testing::sharedMoto().endpoint());
    proxy.failNext(
        {.match = {.operation = kills[round]}, .fault = testing::Fault::ResetAfterForward});
    // The client's retries never reach AWS (this rule takes every later one):
    // exactly one was created, and its id was never read.
    proxy.failNext({.match = {.operation = kills[round]},
                    .fault = testing::Fault::ResetBeforeForward,
                    .count = -1});
    ManifestRun run(proxy.url());
    run.s.push("dev", {{"net.yaml", crashStack(static_cast<int>(round))}});
    auto daemon = run.s.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (proxy.faultsInjected() == 0 && std::chrono::steady_clock::now() < deadline &&
           daemon->process().running())
      std::this_thread::sleep_for(std::chrono::milliseconds(2));  // polls for the kill point
    ASSERT_GE(proxy.faultsInjected(), 1u) << daemon->log();
    daemon->process().signal(SIGKILL);
    ASSERT_TRUE(daemon->process().wait(10000));
    proxy.clearFaults();

    std::string out = run.apply();
    const std::string owned =
        "Filters=[{'Name': 'tag:driftless:controller', 'Values': ['" + run.s.prefix() + "']}]";
    EXPECT_EQ(run.boto("ec2", "print(len(c.describe_vpcs(" + owned +
                                  ")['Vpcs']), "
                                  "len(c.describe_subnets(" +
                                  owned +
                                  ")['Subnets']), "
                                  "len([n for n in c.describe_nat_gateways(" +
                                  owned +
                                  ")['NatGateways'] if n['State'] != 'deleted' and "
                                  "any(t['Value'] == '" +
                                  run.s.prefix() + "' for t in n.get('Tags', []))]))"),
              "1 1 1")
        << "VPCs, subnets, NAT gateways after the kill at " << kills[round] << ":\n"
        << out;
    EXPECT_EQ(run.plan(&out), 0) << out;
    run.removeStack("net.yaml");
    out = run.apply();
    EXPECT_EQ(run.boto("ec2", "print(len(c.describe_vpcs(" + owned + ")['Vpcs']))"), "0") << out;
  }
}

// A rule added by hand to a security group: drift in both environments;
// removed in dev (selfHeal), kept in prod (no selfHeal) and recorded there
// under drift/ for `driftless drift`.
TEST(Ec2Manifest, AHandAddedRuleIsRemovedInDevAndKeptAndRecordedInProd) {
  e2e::Scenario s(e2e::ConfigOptions{.http = false});
  auto stack = [](const std::string& cidr) {
    return R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: )" +
           cidr + R"(}
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/8}]
)";
  };
  s.push("dev", {{"net.yaml", stack("10.66.0.0/16")}});
  s.push("prod", {{"net.yaml", stack("10.67.0.0/16")}});
  int rc = -1;
  for (const char* env : {"dev", "prod"}) {
    std::string out = s.cli({"apply", "--config", s.config(), "--env", env}, &rc);
    ASSERT_EQ(rc, 0) << env << ":\n" << out;
  }
  auto group = [&](const std::string& cidr) {
    return "c = boto3.client('ec2', endpoint_url=ep, region_name=region)\n"
           "v = c.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['" +
           cidr + "']}, {'Name': 'tag:driftless:controller', 'Values': ['" + s.prefix() +
           "']}])['Vpcs'][0]['VpcId']\n"
           "g = [g for g in c.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': "
           "[v]}])['SecurityGroups'] if g['GroupName'] != 'default'][0]\n";
  };
  const std::string ssh =
      "c.authorize_security_group_ingress(GroupId=g['GroupId'], IpPermissions=[{'IpProtocol': "
      "'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])";
  const std::string ports = "print(sorted(p['FromPort'] for p in g['IpPermissions']))";
  s.python(group("10.66.0.0/16") + ssh);
  s.python(group("10.67.0.0/16") + ssh);

  for (const char* env : {"dev", "prod"}) {
    std::string out = s.cli({"plan", "--config", s.config(), "--env", env}, &rc);
    EXPECT_EQ(rc, 2) << env << ": the rule is drift:\n" << out;
    EXPECT_NE(out.find("SecurityGroupIngress"), std::string::npos) << out;
    out = s.cli({"apply", "--config", s.config(), "--env", env}, &rc);
    EXPECT_EQ(rc, 0) << env << ":\n" << out;
  }
  EXPECT_EQ(s.python(group("10.66.0.0/16") + ports), "[5432]") << "dev self-heals";
  EXPECT_EQ(s.python(group("10.67.0.0/16") + ports), "[22, 5432]") << "prod keeps it";
  std::string drift = s.cli({"drift", "--config", s.config(), "--env", "prod", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 0) << drift;
  EXPECT_NE(drift.find("SecurityGroupIngress"), std::string::npos) << drift;
  EXPECT_NE(drift.find("net/Db"), std::string::npos) << drift;

  // dev prunes what it removed; prod does not prune (its VPC stays, owned).
  s.push("dev", {{"base.yaml", s.queues({"base"})}}, {"net.yaml"});
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace driftless::platform
