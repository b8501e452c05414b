// The EC2 networking properties of issue #14's coverage goal, per type: set
// at create, no drift right after, an out-of-band change detected and
// corrected, a change applied in place or marked as a replacement. Against
// moto where moto 5.2.1 has the API; on the wire (a stub answering as EC2
// documents) where it does not (docs/manifest-reference.md, "What the
// emulator cannot do").
#include <array>
#include <map>
#include <mutex>

#include "tests/integration/providers/ec2_support.h"

namespace driftless {
namespace {

using namespace ec2test;

// The subnet's attributes as boto3 sees them: AssignIpv6AddressOnCreation,
// the A record option and the IPv6 blocks (moto lists only associated ones),
// on one line.
std::string subnetAsSeen(const std::string& subnet) {
  return boto("s = c.describe_subnets(SubnetIds=['" + subnet +
              "'])['Subnets'][0]\n"
              "print(s['AssignIpv6AddressOnCreation'], "
              "s['PrivateDnsNameOptionsOnLaunch']['EnableResourceNameDnsARecord'], "
              "[a['Ipv6CidrBlock'] for a in s.get('Ipv6CidrBlockAssociationSet', [])])");
}

TEST(Ec2SubnetIpv6, BlockAssignmentAndDnsRecordSetDriftCorrectedAndBlockReplaced) {
  const std::string vpc = boto(
      "print(c.create_vpc(CidrBlock='10.140.0.0/16', "
      "AmazonProvidedIpv6CidrBlock=True)['Vpc']['VpcId'])");
  const std::string blocks = boto(
      "import ipaddress\n"
      "v = c.describe_vpcs(VpcIds=['" +
      vpc +
      "'])['Vpcs'][0]['Ipv6CidrBlockAssociationSet'][0]['Ipv6CidrBlock']\n"
      "print(' '.join(str(n) for n, _ in zip(ipaddress.ip_network(v).subnets(new_prefix=64), "
      "range(3))))");
  const std::string b1 = blocks.substr(0, blocks.find(' '));
  const std::string b2 = blocks.substr(b1.size() + 1, blocks.rfind(' ') - b1.size() - 1);
  const std::string b3 = blocks.substr(blocks.rfind(' ') + 1);
  ASSERT_TRUE(b3.ends_with("/64")) << blocks;

  Harness h("AWS::EC2::Subnet");
  Desired d = h.desired(uniqueName("Dual"), json(R"({"VpcId": ")" + vpc + R"(",
      "CidrBlock": "10.140.1.0/24", "Ipv6CidrBlock": ")" +
                                                 b1 + R"(",
      "AssignIpv6AddressOnCreation": true,
      "PrivateDnsNameOptionsOnLaunch": {"EnableResourceNameDnsARecord": true}})"));
  Observed live = created(h, d);
  EXPECT_EQ(subnetAsSeen(live.physicalId), "True True ['" + b1 + "']");

  boto("c.modify_subnet_attribute(SubnetId='" + live.physicalId +
       "', AssignIpv6AddressOnCreation={'Value': False})\n"
       "c.modify_subnet_attribute(SubnetId='" +
       live.physicalId + "', EnableResourceNameDnsARecordOnLaunch={'Value': False})");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{
                              "AssignIpv6AddressOnCreation",
                              "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_EQ(subnetAsSeen(live.physicalId), "True True ['" + b1 + "']");

  d.properties["Ipv6CidrBlock"] = Value(b2);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"Ipv6CidrBlock"}));
  const std::string before = live.physicalId;
  live = h.update(d, live, change);
  EXPECT_EQ(live.physicalId, before) << "an IPv6 block changes in place";
  EXPECT_EQ(subnetAsSeen(live.physicalId), "True True ['" + b2 + "']");
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  // An IPv6-only subnet: no IPv4 block; Ipv6Native replaces.
  Desired only = h.desired(uniqueName("V6"), json(R"({"VpcId": ")" + vpc + R"(",
      "Ipv6Native": true, "Ipv6CidrBlock": ")" + b3 +
                                                  R"("})"));
  Observed native = created(h, only);
  EXPECT_EQ(boto("print(c.describe_subnets(SubnetIds=['" + native.physicalId +
                 "'])['Subnets'][0]['Ipv6Native'])"),
            "True");
  EXPECT_TRUE(h.p().info().property("Ipv6Native")->immutable);
  EXPECT_FALSE(h.p().info().property("Ipv6CidrBlock")->immutable);
  removed(h, only, native);
  removed(h, d, live);
  boto("c.delete_vpc(VpcId='" + vpc + "')");
}

// moto 5.2.1 neither reports nor sets EnableDns64, the hostname type and the
// AAAA record option: on the wire, one ModifySubnetAttribute per attribute.
TEST(Ec2SubnetWire, Dns64HostnameTypeAndAaaaRecordOneCallEach) {
  std::mutex m;
  std::string dns64 = "false", hostname = "ip-name", aaaa = "false";
  testing::HttpStub ec2([&](const testing::StubRequest& r) {
    std::lock_guard lock(m);
    if (r.body.find("Action=DescribeSubnets&") == std::string::npos)
      return ec2Answer("ModifySubnetAttribute", "<return>true</return>");
    return ec2Answer(
        "DescribeSubnets",
        "<subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><cidrBlock>10.0.1.0/"
        "24</cidrBlock><state>available</state><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>"
        "<enableDns64>" +
            dns64 + "</enableDns64><privateDnsNameOptionsOnLaunch><hostnameType>" + hostname +
            "</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord>"
            "<enableResourceNameDnsAAAARecord>" +
            aaaa +
            "</enableResourceNameDnsAAAARecord></privateDnsNameOptionsOnLaunch></item>"
            "</subnetSet>");
  });
  Harness h("AWS::EC2::Subnet", {.endpoint = ec2.url()});
  Desired d = h.desired(uniqueName("Dns"), json(R"({"VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
      "EnableDns64": true, "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "resource-name",
      "EnableResourceNameDnsARecord": false, "EnableResourceNameDnsAAAARecord": true}})"));
  d.physicalId = "subnet-1";
  Observed live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift),
            (std::vector<std::string>{
                "EnableDns64", "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord",
                "PrivateDnsNameOptionsOnLaunch.HostnameType"}));
  h.update(d, live, drift);
  std::vector<std::string> sent;
  for (const auto& r : ec2.requests())
    if (r.body.find("Action=ModifySubnetAttribute&") != std::string::npos) sent.push_back(r.body);
  ASSERT_EQ(sent.size(), 3u) << "one attribute a call";
  for (const char* field :
       {"EnableDns64.Value=true", "EnableResourceNameDnsAAAARecordOnLaunch.Value=true",
        "PrivateDnsHostnameTypeOnLaunch=resource-name"}) {
    int n = 0;
    for (const auto& body : sent)
      n += body.find(field) != std::string::npos ? 1 : 0;
    EXPECT_EQ(n, 1) << field;
  }
  for (const auto& body : sent)
    EXPECT_EQ(body.find("EnableResourceNameDnsARecordOnLaunch"), std::string::npos)
        << "unchanged, not sent: " << body;
  {
    std::lock_guard lock(m);
    dns64 = "true", hostname = "resource-name", aaaa = "true";
  }
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
}

TEST(Ec2SubnetIpv6, ValidationNamesTheProperty) {
  const TypeInfo* info = builtinRegistry().info("AWS::EC2::Subnet");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(
      info->validate(json(R"({"VpcId": "vpc-1", "Ipv6Native": true,
      "CidrBlock": "10.0.0.0/24", "Ipv6CidrBlock": "2600::/64"})")),
      (std::vector<std::string>{"CidrBlock: an IPv6-only subnet (Ipv6Native) has no IPv4 block"}));
  EXPECT_EQ(info->validate(json(R"({"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
      "AssignIpv6AddressOnCreation": true})")),
            (std::vector<std::string>{"AssignIpv6AddressOnCreation: needs an Ipv6CidrBlock"}));
  EXPECT_TRUE(info->validate(json(R"({"VpcId": "vpc-1", "Ipv6Native": true,
      "Ipv6CidrBlock": "2600::/64"})"))
                  .empty());
}

// An instance in the default VPC; its id.
std::string runInstance() {
  return boto(
      "print(c.run_instances(ImageId='ami-12c6146b', MinCount=1, "
      "MaxCount=1)['Instances'][0]['InstanceId'])");
}

std::string eipInstance(const std::string& allocation) {
  return boto("print(c.describe_addresses(AllocationIds=['" + allocation +
              "'])['Addresses'][0].get('InstanceId', ''))");
}

TEST(Ec2EipProperties, AddressRecoveredAndInstanceAssociatedReassociatedAndMoved) {
  Harness h("AWS::EC2::EIP");
  Desired a = h.desired(uniqueName("Fixed"), json(R"({"Domain": "vpc",
      "Address": "198.51.100.17"})"));
  Observed fixed = created(h, a);
  EXPECT_EQ(fixed.attributes.find("PublicIp")->asString(), "198.51.100.17");
  a.properties["Address"] = Value("198.51.100.18");
  EXPECT_EQ(paths(h.p().diff(a, fixed)), (std::vector<std::string>{"Address"}));
  EXPECT_TRUE(h.p().info().property("Address")->immutable) << "a new address replaces";
  removed(h, a, fixed);

  const std::string i1 = runInstance(), i2 = runInstance();
  Desired d =
      h.desired(uniqueName("Vm"), json(R"({"Domain": "vpc", "InstanceId": ")" + i1 + R"("})"));
  Observed live = created(h, d);
  EXPECT_EQ(eipInstance(live.physicalId), i1);

  boto("a = c.describe_addresses(AllocationIds=['" + live.physicalId +
       "'])['Addresses'][0]\nc.disassociate_address(AssociationId=a['AssociationId'])");
  ASSERT_EQ(eipInstance(live.physicalId), "");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), (std::vector<std::string>{"InstanceId"}));
  live = h.update(d, live, drift);
  EXPECT_EQ(eipInstance(live.physicalId), i1);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  d.properties["InstanceId"] = Value(i2);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"InstanceId"}));
  const std::string before = live.physicalId;
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(live.physicalId, before) << "moved in place";
  EXPECT_EQ(h.calls().count("ec2:AssociateAddress"), 1u);
  EXPECT_EQ(eipInstance(live.physicalId), i2);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  h.resetStats();
  removed(h, d, live);
  EXPECT_EQ(h.calls().count("ec2:DisassociateAddress"), 1u) << "EC2 releases no address in use";
  boto("c.terminate_instances(InstanceIds=['" + i1 + "', '" + i2 + "'])");
}

// moto 5.2.1 neither takes nor reports an address's network border group and
// pool: on the wire. Both are given to AllocateAddress; a change replaces.
TEST(Ec2EipProperties, NetworkBorderGroupAndPoolOnTheWire) {
  std::mutex m;
  bool allocated = false;
  std::string group = "us-west-2-lax-1";
  testing::HttpStub ec2([&](const testing::StubRequest& r) {
    std::lock_guard lock(m);
    if (r.body.find("Action=AllocateAddress&") != std::string::npos) {
      allocated = true;
      return ec2Answer("AllocateAddress",
                       "<publicIp>203.0.113.9</publicIp><domain>vpc</domain>"
                       "<allocationId>eipalloc-1</allocationId>");
    }
    return ec2Answer("DescribeAddresses",
                     std::string("<addressesSet>") +
                         (allocated ? "<item><allocationId>eipalloc-1</allocationId><publicIp>"
                                      "203.0.113.9</publicIp><domain>vpc</domain>"
                                      "<publicIpv4Pool>ipv4pool-ec2-1</publicIpv4Pool>"
                                      "<networkBorderGroup>" +
                                          group + "</networkBorderGroup></item>"
                                    : "") +
                         "</addressesSet>");
  });
  Harness h("AWS::EC2::EIP", {.endpoint = ec2.url()});
  Desired d = h.desired(uniqueName("Lax"), json(R"({"Domain": "vpc",
      "NetworkBorderGroup": "us-west-2-lax-1", "PublicIpv4Pool": "ipv4pool-ec2-1"})"));
  Observed live = h.create(d);
  ASSERT_EQ(live.physicalId, "eipalloc-1");
  const std::string sent = lastSent(ec2, "AllocateAddress");
  for (const char* field : {"NetworkBorderGroup=us-west-2-lax-1", "PublicIpv4Pool=ipv4pool-ec2-1"})
    EXPECT_NE(sent.find(field), std::string::npos) << field << " in " << sent;
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  {
    std::lock_guard lock(m);
    group = "us-west-2";
  }
  EXPECT_EQ(paths(h.p().diff(d, h.observe(d))), (std::vector<std::string>{"NetworkBorderGroup"}));
  for (const char* p : {"NetworkBorderGroup", "PublicIpv4Pool"})
    EXPECT_TRUE(h.p().info().property(p)->immutable) << p << ": a new allocation";
}

// A NAT gateway as EC2 describes it, with its primary address and
// `secondaries` (allocation id, association id, private IP; "" for none).
std::string natItem(const std::string& type,
                    const std::vector<std::array<std::string, 3>>& secondaries) {
  std::string out =
      "<natGatewaySet><item><natGatewayId>nat-1</natGatewayId><subnetId>subnet-1</subnetId>"
      "<state>available</state><connectivityType>" +
      type +
      "</connectivityType><natGatewayAddressSet><item><isPrimary>true</isPrimary>"
      "<privateIp>10.0.1.5</privateIp>" +
      (type == "public" ? "<allocationId>eipalloc-1</allocationId>" : "") + "</item>";
  for (const auto& [allocation, association, ip] : secondaries)
    out += "<item><isPrimary>false</isPrimary><status>succeeded</status>" +
           (allocation.empty() ? "" : "<allocationId>" + allocation + "</allocationId>") +
           (association.empty() ? "" : "<associationId>" + association + "</associationId>") +
           "<privateIp>" + ip + "</privateIp></item>";
  return out + "</natGatewayAddressSet></item></natGatewaySet>";
}

// The bodies of the stub's requests of `action`, from `from` on.
std::vector<std::string> sentSince(const testing::HttpStub& stub, const std::string& action,
                                   std::size_t from) {
  std::vector<std::string> out;
  auto all = stub.requests();
  for (std::size_t i = from; i < all.size(); ++i)
    if (all[i].body.find("Action=" + action + "&") != std::string::npos) out.push_back(all[i].body);
  return out;
}

// moto 5.2.1 has no secondary NAT gateway addresses: on the wire, against
// DescribeNatGateways answered as EC2 does (isPrimary false for a secondary).
TEST(Ec2NatGatewaySecondaries, ElasticIpsAndPrivateAddressesOnTheWire) {
  std::mutex m;
  std::string item = natItem("public", {{"eipalloc-2", "eipassoc-2", "10.0.1.6"},
                                        {"eipalloc-4", "eipassoc-4", "10.0.1.8"}});
  testing::HttpStub ec2([&](const testing::StubRequest& r) {
    std::lock_guard lock(m);
    for (const char* action :
         {"CreateNatGateway", "AssociateNatGatewayAddress", "DisassociateNatGatewayAddress",
          "AssignPrivateNatGatewayAddress", "UnassignPrivateNatGatewayAddress"})
      if (r.body.find("Action=" + std::string(action) + "&") != std::string::npos)
        return ec2Answer(action, "<natGateway><natGatewayId>nat-1</natGatewayId></natGateway>");
    return ec2Answer("DescribeNatGateways", item);
  });
  Harness h("AWS::EC2::NatGateway", {.endpoint = ec2.url()});
  // An update's requests of two actions (the adding and the removing call).
  auto updateSent = [&](const Desired& x, const Observed& l, const Delta& c, const char* adding,
                        const char* removing) {
    const std::size_t mark = ec2.requests().size();
    h.update(x, l, c);
    return std::pair{sentSince(ec2, adding, mark), sentSince(ec2, removing, mark)};
  };
  Desired d = h.desired(uniqueName("Nat"), json(R"({"SubnetId": "subnet-1",
      "AllocationId": "eipalloc-1", "SecondaryAllocationIds": ["eipalloc-4", "eipalloc-2"]})"));
  Observed live = h.create(d);
  ASSERT_EQ(live.physicalId, "nat-1");
  std::string sent = lastSent(ec2, "CreateNatGateway");
  for (const char* field :
       {"SecondaryAllocationId.1=eipalloc-4", "SecondaryAllocationId.2=eipalloc-2"})
    EXPECT_NE(sent.find(field), std::string::npos) << field << " in " << sent;
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty()) << "compared as a set";

  d.properties["SecondaryAllocationIds"] = json(R"(["eipalloc-3", "eipalloc-2"])");
  live = h.observe(d);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"SecondaryAllocationIds"}));
  auto [add, drop] =
      updateSent(d, live, change, "AssociateNatGatewayAddress", "DisassociateNatGatewayAddress");
  ASSERT_EQ(add.size(), 1u);
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_NE(add[0].find("AllocationId.1=eipalloc-3"), std::string::npos) << add[0];
  EXPECT_EQ(add[0].find("eipalloc-2"), std::string::npos) << "kept, not sent: " << add[0];
  EXPECT_NE(drop[0].find("AssociationId.1=eipassoc-4"), std::string::npos) << drop[0];
  EXPECT_EQ(drop[0].find("eipassoc-2"), std::string::npos) << drop[0];

  // A private gateway: addresses by list, then by count.
  {
    std::lock_guard lock(m);
    item = natItem("private", {{"", "", "10.0.1.21"}, {"", "", "10.0.1.22"}});
  }
  Desired p = h.desired(uniqueName("Private"), json(R"({"SubnetId": "subnet-1",
      "ConnectivityType": "private", "SecondaryPrivateIpAddresses": ["10.0.1.20", "10.0.1.21"]})"));
  p.physicalId = "nat-1";
  live = h.observe(p);
  change = h.p().diff(p, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"SecondaryPrivateIpAddresses"}));
  auto [assign, unassign] = updateSent(p, live, change, "AssignPrivateNatGatewayAddress",
                                       "UnassignPrivateNatGatewayAddress");
  ASSERT_EQ(assign.size(), 1u);
  ASSERT_EQ(unassign.size(), 1u);
  EXPECT_NE(assign[0].find("PrivateIpAddress.1=10.0.1.20"), std::string::npos) << assign[0];
  EXPECT_EQ(assign[0].find("10.0.1.21"), std::string::npos) << assign[0];
  EXPECT_NE(unassign[0].find("PrivateIpAddress.1=10.0.1.22"), std::string::npos) << unassign[0];

  p.properties.erase("SecondaryPrivateIpAddresses");
  p.properties["SecondaryPrivateIpAddressCount"] = Value(std::int64_t{2});
  EXPECT_TRUE(h.p().diff(p, h.observe(p)).empty()) << "two secondaries";
  p.properties["SecondaryPrivateIpAddressCount"] = Value(std::int64_t{5});
  live = h.observe(p);
  change = h.p().diff(p, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"SecondaryPrivateIpAddressCount"}));
  auto [more, none] = updateSent(p, live, change, "AssignPrivateNatGatewayAddress",
                                 "UnassignPrivateNatGatewayAddress");
  ASSERT_EQ(more.size(), 1u);
  EXPECT_NE(more[0].find("PrivateIpAddressCount=3"), std::string::npos) << more[0];
  EXPECT_TRUE(none.empty());
  p.properties["SecondaryPrivateIpAddressCount"] = Value(std::int64_t{1});
  auto [noMore, fewer] = updateSent(p, live, h.p().diff(p, live), "AssignPrivateNatGatewayAddress",
                                    "UnassignPrivateNatGatewayAddress");
  ASSERT_EQ(fewer.size(), 1u);
  EXPECT_NE(fewer[0].find("PrivateIpAddress.1=10.0.1.22"), std::string::npos) << fewer[0];
  EXPECT_TRUE(noMore.empty());

  Desired counted = h.desired(uniqueName("Counted"), json(R"({"SubnetId": "subnet-1",
      "ConnectivityType": "private", "SecondaryPrivateIpAddressCount": 2})"));
  h.create(counted);
  sent = lastSent(ec2, "CreateNatGateway");
  EXPECT_NE(sent.find("SecondaryPrivateIpAddressCount=2"), std::string::npos) << sent;
}

// moto 5.2.1 has no regional NAT gateways: on the wire. A regional gateway
// is created in its VPC with its elastic IPs per zone; they compare as sets
// and change in place, zone by zone.
TEST(Ec2NatGatewayRegional, CreatedPerZoneComparedAsSetsAndChangedInPlace) {
  std::mutex m;
  std::string mode = "<availabilityMode>regional</availabilityMode>";
  std::string addresses =
      "<item><availabilityZone>us-east-1a</availabilityZone><availabilityZoneId>use1-az1"
      "</availabilityZoneId><allocationId>eipalloc-1</allocationId><associationId>eipassoc-1"
      "</associationId></item><item><availabilityZone>us-east-1b</availabilityZone>"
      "<availabilityZoneId>use1-az2</availabilityZoneId><allocationId>eipalloc-2</allocationId>"
      "<associationId>eipassoc-2</associationId></item><item><availabilityZone>us-east-1a"
      "</availabilityZone><availabilityZoneId>use1-az1</availabilityZoneId><allocationId>"
      "eipalloc-4</allocationId><associationId>eipassoc-4</associationId></item>";
  testing::HttpStub ec2([&](const testing::StubRequest& r) {
    std::lock_guard lock(m);
    for (const char* action :
         {"CreateNatGateway", "AssociateNatGatewayAddress", "DisassociateNatGatewayAddress"})
      if (r.body.find("Action=" + std::string(action) + "&") != std::string::npos)
        return ec2Answer(action, "<natGateway><natGatewayId>nat-9</natGatewayId></natGateway>");
    return ec2Answer("DescribeNatGateways",
                     "<natGatewaySet><item><natGatewayId>nat-9</natGatewayId><vpcId>vpc-1</vpcId>"
                     "<subnetId>subnet-1</subnetId><state>available</state><connectivityType>"
                     "public</connectivityType>" +
                         mode + "<natGatewayAddressSet>" + addresses +
                         "</natGatewayAddressSet></item></natGatewaySet>");
  });
  Harness h("AWS::EC2::NatGateway", {.endpoint = ec2.url()});
  Desired d = h.desired(uniqueName("Regional"), json(R"({"AvailabilityMode": "regional",
      "VpcId": "vpc-1", "AvailabilityZoneAddresses": [
        {"AvailabilityZoneId": "use1-az2", "AllocationIds": ["eipalloc-2"]},
        {"AvailabilityZone": "us-east-1a", "AllocationIds": ["eipalloc-4", "eipalloc-1"]}]})"));
  Observed live = h.create(d);
  ASSERT_EQ(live.physicalId, "nat-9");
  std::string sent = lastSent(ec2, "CreateNatGateway");
  for (const char* field : {"AvailabilityMode=regional", "VpcId=vpc-1",
                            "AvailabilityZoneAddress.1.AvailabilityZoneId=use1-az2",
                            "AvailabilityZoneAddress.1.AllocationId.1=eipalloc-2",
                            "AvailabilityZoneAddress.2.AvailabilityZone=us-east-1a",
                            "AvailabilityZoneAddress.2.AllocationId.1=eipalloc-4",
                            "AvailabilityZoneAddress.2.AllocationId.2=eipalloc-1"})
    EXPECT_NE(sent.find(field), std::string::npos) << field << " in " << sent;
  EXPECT_EQ(sent.find("SubnetId"), std::string::npos) << sent;
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty()) << "zones and their addresses as sets";

  d.properties["AvailabilityZoneAddresses"] = json(R"([
      {"AvailabilityZoneId": "use1-az2", "AllocationIds": ["eipalloc-2", "eipalloc-3"]},
      {"AvailabilityZone": "us-east-1a", "AllocationIds": ["eipalloc-1"]}])");
  live = h.observe(d);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"AvailabilityZoneAddresses"}));
  const std::size_t mark = ec2.requests().size();
  live = h.update(d, live, change);
  EXPECT_EQ(live.physicalId, "nat-9") << "in place";
  auto add = sentSince(ec2, "AssociateNatGatewayAddress", mark);
  auto drop = sentSince(ec2, "DisassociateNatGatewayAddress", mark);
  ASSERT_EQ(add.size(), 1u);
  ASSERT_EQ(drop.size(), 1u);
  for (const char* field : {"AvailabilityZoneId=use1-az2", "AllocationId.1=eipalloc-3"})
    EXPECT_NE(add[0].find(field), std::string::npos) << field << " in " << add[0];
  EXPECT_EQ(add[0].find("eipalloc-2"), std::string::npos) << "kept, not sent: " << add[0];
  EXPECT_NE(drop[0].find("AssociationId.1=eipassoc-4"), std::string::npos) << drop[0];
  EXPECT_EQ(drop[0].find("eipassoc-1"), std::string::npos) << drop[0];

  for (const char* p : {"AvailabilityMode", "VpcId"})
    EXPECT_TRUE(h.p().info().property(p)->immutable) << p;
  // A zonal gateway as moto answers it (no availabilityMode): AWS's default.
  {
    std::lock_guard lock(m);
    mode.clear();
  }
  Desired zonal = h.desired(uniqueName("Zonal"), json(R"({"AvailabilityMode": "zonal",
      "SubnetId": "subnet-1"})"));
  zonal.physicalId = "nat-9";
  EXPECT_TRUE(h.p().diff(zonal, h.observe(zonal)).empty());
}

TEST(Ec2NatGatewaySecondaries, ValidationNamesTheProperty) {
  const TypeInfo* info = builtinRegistry().info("AWS::EC2::NatGateway");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(
      info->validate(json(R"({"SubnetId": "subnet-1", "ConnectivityType": "private",
      "SecondaryPrivateIpAddresses": ["10.0.0.9"], "SecondaryPrivateIpAddressCount": 2})")),
      (std::vector<std::string>{
          "SecondaryPrivateIpAddressCount: not with SecondaryPrivateIpAddresses (give one)"}));
  EXPECT_EQ(
      info->validate(json(R"({"SubnetId": "subnet-1", "AllocationId": "eipalloc-1",
      "SecondaryPrivateIpAddressCount": 2})")),
      (std::vector<std::string>{"SecondaryPrivateIpAddressCount: only for a private NAT gateway"}));
  EXPECT_EQ(
      info->validate(json(R"({"AvailabilityMode": "regional", "SubnetId": "subnet-1",
      "AvailabilityZoneAddresses": [{"AllocationIds": ["eipalloc-1"]}]})")),
      (std::vector<std::string>{
          "VpcId: required for a regional NAT gateway", "SubnetId: only for a zonal NAT gateway",
          "AvailabilityZoneAddresses: each entry names exactly one of AvailabilityZone and "
          "AvailabilityZoneId"}));
  EXPECT_EQ(info->validate(json(R"({"VpcId": "vpc-1", "ConnectivityType": "private"})")),
            (std::vector<std::string>{
                "SubnetId: required for a zonal NAT gateway",
                "VpcId: only for a regional NAT gateway (a zonal one's VPC is its subnet's)"}));
}

// moto 5.2.1 neither takes nor reports an endpoint's IP address type, DNS
// options and service region: on the wire. CloudFormation's
// PrivateDnsOnlyForInboundResolverEndpoint (OnlyInboundResolver / AllResolvers) is EC2's boolean.
TEST(Ec2VpcEndpointAddressing, IpAddressTypeAndDnsOptionsOnTheWire) {
  std::mutex m;
  bool created = false;
  std::string addressing =
      "<ipAddressType>dualstack</ipAddressType><dnsOptions><dnsRecordIpType>dualstack"
      "</dnsRecordIpType><privateDnsOnlyForInboundResolverEndpoint>true"
      "</privateDnsOnlyForInboundResolverEndpoint></dnsOptions>";
  testing::HttpStub ec2([&](const testing::StubRequest& r) {
    std::lock_guard lock(m);
    if (r.body.find("Action=CreateVpcEndpoint&") != std::string::npos) {
      created = true;
      return ec2Answer("CreateVpcEndpoint",
                       "<vpcEndpoint><vpcEndpointId>vpce-1</vpcEndpointId></vpcEndpoint>");
    }
    if (r.body.find("Action=ModifyVpcEndpoint&") != std::string::npos)
      return ec2Answer("ModifyVpcEndpoint", "<return>true</return>");
    return ec2Answer("DescribeVpcEndpoints",
                     std::string("<vpcEndpointSet>") +
                         (created ? "<item><vpcEndpointId>vpce-1</vpcEndpointId><vpcId>vpc-1"
                                    "</vpcId><serviceName>s</serviceName><state>available</state>"
                                    "<vpcEndpointType>Interface</vpcEndpointType>"
                                    "<serviceRegion>us-west-2</serviceRegion>" +
                                        addressing + "</item>"
                                  : "") +
                         "</vpcEndpointSet>");
  });
  Harness h("AWS::EC2::VPCEndpoint", {.endpoint = ec2.url()});
  Desired d = h.desired(uniqueName("If"), json(R"({"VpcId": "vpc-1", "ServiceName": "s",
      "VpcEndpointType": "Interface", "IpAddressType": "dualstack", "ServiceRegion": "us-west-2",
      "DnsOptions": {"DnsRecordIpType": "dualstack",
                     "PrivateDnsOnlyForInboundResolverEndpoint": "OnlyInboundResolver"}})"));
  Observed live = h.create(d);
  ASSERT_EQ(live.physicalId, "vpce-1");
  std::string sent = lastSent(ec2, "CreateVpcEndpoint");
  for (const char* field :
       {"IpAddressType=dualstack", "DnsOptions.DnsRecordIpType=dualstack",
        "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint=true", "ServiceRegion=us-west-2"})
    EXPECT_NE(sent.find(field), std::string::npos) << field << " in " << sent;
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_TRUE(h.p().info().property("ServiceRegion")->immutable) << "another region replaces";
  d.properties["ServiceRegion"] = Value("eu-west-1");
  EXPECT_EQ(paths(h.p().diff(d, h.observe(d))), (std::vector<std::string>{"ServiceRegion"}));
  d.properties["ServiceRegion"] = Value("us-west-2");

  {
    std::lock_guard lock(m);
    addressing =
        "<ipAddressType>ipv4</ipAddressType><dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType>"
        "<privateDnsOnlyForInboundResolverEndpoint>false"
        "</privateDnsOnlyForInboundResolverEndpoint></dnsOptions>";
  }
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift),
            (std::vector<std::string>{"DnsOptions.DnsRecordIpType",
                                      "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint",
                                      "IpAddressType"}));
  h.update(d, live, drift);
  sent = lastSent(ec2, "ModifyVpcEndpoint");
  for (const char* field :
       {"VpcEndpointId=vpce-1", "IpAddressType=dualstack", "DnsOptions.DnsRecordIpType=dualstack",
        "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint=true"})
    EXPECT_NE(sent.find(field), std::string::npos) << field << " in " << sent;

  d.properties.erase("IpAddressType");
  d.properties["DnsOptions"] =
      json(R"({"PrivateDnsOnlyForInboundResolverEndpoint": "AllResolvers"})");
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty()) << "false is AllResolvers";
  d.properties["DnsOptions"] = json(R"({"DnsRecordIpType": "ipv6"})");
  live = h.observe(d);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"DnsOptions.DnsRecordIpType"}));
  h.update(d, live, change);
  sent = lastSent(ec2, "ModifyVpcEndpoint");
  EXPECT_NE(sent.find("DnsOptions.DnsRecordIpType=ipv6"), std::string::npos) << sent;
  EXPECT_EQ(sent.find("IpAddressType"), std::string::npos) << "unchanged, not sent: " << sent;
  EXPECT_EQ(sent.find("Inbound"), std::string::npos) << sent;
}

// A rule by group names changes its description in place, naming both groups
// by name (moto drops a group peer's description: on the wire).
TEST(Ec2SecurityGroupIngressByName, DescriptionChangedInPlaceByNameOnTheWire) {
  std::mutex m;
  std::string description = "old";
  testing::HttpStub ec2([&](const testing::StubRequest& r) {
    std::lock_guard lock(m);
    if (r.body.find("Action=DescribeSecurityGroups&") != std::string::npos)
      return ec2Answer("DescribeSecurityGroups",
                       "<securityGroupInfo><item><groupId>sg-1</groupId><groupName>web</groupName>"
                       "</item><item><groupId>sg-2</groupId><groupName>lb</groupName></item>"
                       "</securityGroupInfo>");
    if (r.body.find("Action=DescribeSecurityGroupRules&") == std::string::npos)
      return ec2Answer("UpdateSecurityGroupRuleDescriptionsIngress", "<return>true</return>");
    return ec2Answer(
        "DescribeSecurityGroupRules",
        "<securityGroupRuleSet><item><securityGroupRuleId>sgr-1</securityGroupRuleId><groupId>"
        "sg-1</groupId><isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>443"
        "</fromPort><toPort>443</toPort><referencedGroupInfo><groupId>sg-2</groupId><userId>"
        "123456789012</userId></referencedGroupInfo><description>" +
            description + "</description></item></securityGroupRuleSet>");
  });
  Harness h("AWS::EC2::SecurityGroupIngress", {.endpoint = ec2.url()});
  Desired d = h.desired(uniqueName("Named"), json(R"({"GroupName": "web", "IpProtocol": "tcp",
      "FromPort": 443, "ToPort": 443, "SourceSecurityGroupName": "lb", "Description": "new"})"));
  d.physicalId = "sgr-1";
  Observed live = h.observe(d);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"Description"}));
  h.update(d, live, change);
  const std::string sent = lastSent(ec2, "UpdateSecurityGroupRuleDescriptionsIngress");
  for (const char* field : {"GroupName=web", "IpPermissions.1.Groups.1.GroupName=lb",
                            "IpPermissions.1.Groups.1.Description=new"})
    EXPECT_NE(sent.find(field), std::string::npos) << field << " in " << sent;
  EXPECT_EQ(sent.find("GroupId"), std::string::npos) << sent;
  {
    std::lock_guard lock(m);
    description = "new";
  }
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
}

std::string vpnAttachmentState(const std::string& vgw) {
  return boto(
      "print([a['VpcId'] + ':' + a['State'] for a in c.describe_vpn_gateways("
      "VpnGatewayIds=['" +
      vgw + "'])['VpnGateways'][0].get('VpcAttachments', [])])");
}

TEST(Ec2VpnGatewayAttachment, AttachedDetachedByHandReattachedAndDetached) {
  const std::string vpc = makeVpc("10.150.0.0/16");
  const std::string vgw =
      boto("print(c.create_vpn_gateway(Type='ipsec.1')['VpnGateway']['VpnGatewayId'])");
  Harness h("AWS::EC2::VPCGatewayAttachment");
  Desired d = h.desired(uniqueName("Vgw"),
                        json(R"({"VpcId": ")" + vpc + R"(", "VpnGatewayId": ")" + vgw + R"("})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.physicalId, "VPN|" + vpc);
  EXPECT_EQ(live.attributes.find("AttachmentType")->asString(), "VPN");
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_EQ(vpnAttachmentState(vgw), "['" + vpc + ":attached']");

  boto("c.detach_vpn_gateway(VpnGatewayId='" + vgw + "', VpcId='" + vpc + "')");
  EXPECT_FALSE(h.observe(d).exists) << "detached by hand: gone, so created again";
  live = h.create(d);
  EXPECT_TRUE(live.exists);
  EXPECT_EQ(vpnAttachmentState(vgw), "['" + vpc + ":attached']");

  EXPECT_TRUE(h.p().info().property("VpnGatewayId")->immutable) << "another gateway replaces";
  h.remove(d, live);
  EXPECT_EQ(vpnAttachmentState(vgw), "['" + vpc + ":detached']");
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);  // already detached: success

  const TypeInfo* info = builtinRegistry().info("AWS::EC2::VPCGatewayAttachment");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->validate(json(R"({"VpcId": "vpc-1", "VpnGatewayId": "vgw-1",
      "InternetGatewayId": "igw-1"})")),
            (std::vector<std::string>{
                "InternetGatewayId: exactly one of InternetGatewayId and VpnGatewayId"}));
  boto("c.delete_vpn_gateway(VpnGatewayId='" + vgw + "')\nc.delete_vpc(VpcId='" + vpc + "')");
}

// A default VPC's groups named, not by id: the rule's group and its source
// group by name, and the source group's owner. The names cost one
// DescribeSecurityGroups per observe, only for a rule that gives them. (moto
// drops a group peer's description from DescribeSecurityGroupRules, so this
// rule has none.)
TEST(Ec2SecurityGroupIngressByName, GroupAndSourceByNameWithTheOwnerAccount) {
  const std::string target = uniqueName("web"), source = uniqueName("lb");
  const std::string ids = boto("a = c.create_security_group(GroupName='" + target +
                               "', Description='x')['GroupId']\nb = c.create_security_group("
                               "GroupName='" +
                               source + "', Description='x')['GroupId']\nprint(a, b)");
  const std::string targetId = ids.substr(0, ids.find(' ')),
                    sourceId = ids.substr(ids.find(' ') + 1);
  const std::string account = boto(
      "print(boto3.client('sts', endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
      "region_name='us-east-1').get_caller_identity()['Account'])");
  Harness h("AWS::EC2::SecurityGroupIngress");
  Desired d = h.desired(uniqueName("Https"), json(R"({"GroupName": ")" + target + R"(",
      "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "SourceSecurityGroupName": ")" +
                                                  source + R"(",
      "SourceSecurityGroupOwnerId": ")" + account +
                                                  R"("})"));
  Observed live = created(h, d);
  EXPECT_TRUE(live.physicalId.starts_with("sgr-")) << live.physicalId;
  EXPECT_EQ(boto("r = c.describe_security_group_rules(SecurityGroupRuleIds=['" + live.physicalId +
                 "'])['SecurityGroupRules'][0]\nprint(r['GroupId'], "
                 "r['ReferencedGroupInfo']['GroupId'], r['ReferencedGroupInfo']['UserId'])"),
            targetId + " " + sourceId + " " + account);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.calls(), (std::map<std::string, std::uint64_t>{{"ec2:DescribeSecurityGroupRules", 1},
                                                             {"ec2:DescribeSecurityGroups", 1}}));

  for (const char* p : {"GroupName", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId"})
    EXPECT_TRUE(h.p().info().property(p)->immutable) << p << ": another rule";
  d.properties["SourceSecurityGroupName"] = Value(target);
  EXPECT_EQ(paths(h.p().diff(d, h.observe(d))),
            (std::vector<std::string>{"SourceSecurityGroupName"}));
  d.properties["SourceSecurityGroupName"] = Value(source);
  d.properties["SourceSecurityGroupOwnerId"] = Value("210987654321");
  EXPECT_EQ(paths(h.p().diff(d, h.observe(d))),
            (std::vector<std::string>{"SourceSecurityGroupOwnerId"}));
  removed(h, d, live);

  const TypeInfo* info = builtinRegistry().info("AWS::EC2::SecurityGroupIngress");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->validate(json(R"({"GroupId": "sg-1", "GroupName": "web", "IpProtocol": "-1",
      "CidrIp": "10.0.0.0/8"})")),
            (std::vector<std::string>{"GroupId: exactly one of GroupId and GroupName"}));
  EXPECT_EQ(
      info->validate(json(R"({"GroupId": "sg-1", "IpProtocol": "-1",
      "CidrIp": "10.0.0.0/8", "SourceSecurityGroupOwnerId": "123456789012"})")),
      (std::vector<std::string>{"SourceSecurityGroupOwnerId: only with a source security group"}));
  boto("c.delete_security_group(GroupId='" + targetId + "')\nc.delete_security_group(GroupId='" +
       sourceId + "')");
}

}  // namespace
}  // namespace driftless
