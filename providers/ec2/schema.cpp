#include "providers/ec2/schema.h"

#include <charconv>
#include <set>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::ec2 {

namespace {

// The reads and tag calls every taggable EC2 type makes.
std::vector<std::string> taggedActions(std::vector<std::string> own) {
  for (const char* a : {"ec2:CreateTags", "ec2:DeleteTags"})
    own.emplace_back(a);
  return own;
}

void checkCidr(const Properties& p, const char* name, std::vector<std::string>& out) {
  if (auto v = common::stringLike(p.find(name)); v && !validIpv4Cidr(*v))
    out.push_back(std::string(name) + ": '" + *v + "' is not an IPv4 CIDR block (a.b.c.d/n)");
}

// CidrBlock: an IPv4 CIDR block of /16 to /28, as a VPC's blocks are.
void checkVpcCidr(const Properties& p, std::vector<std::string>& out) {
  checkCidr(p, "CidrBlock", out);
  if (auto v = common::stringLike(p.find("CidrBlock")); v && validIpv4Cidr(*v)) {
    int bits = std::stoi(v->substr(v->find('/') + 1));
    if (bits < 16 || bits > 28) out.push_back("CidrBlock: a VPC's netmask is /16 to /28");
  }
}

}  // namespace

bool validIpv4Cidr(const std::string& s) {
  auto slash = s.find('/');
  if (slash == std::string::npos) return false;
  auto number = [](std::string_view t, int hi) {
    int v = -1;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return !t.empty() && t.size() <= 3 && ec == std::errc() && end == t.data() + t.size() &&
           v >= 0 && v <= hi;
  };
  std::string_view ip(s.data(), slash);
  int octets = 0;
  while (true) {
    auto dot = ip.find('.');
    if (!number(ip.substr(0, dot), 255)) return false;
    ++octets;
    if (dot == std::string_view::npos) break;
    ip.remove_prefix(dot + 1);
  }
  return octets == 4 && number(std::string_view(s).substr(slash + 1), 32);
}

static std::vector<std::string> validateVpc(const Properties& p) {
  std::vector<std::string> out;
  checkVpcCidr(p, out);
  return out;
}

TypeInfo vpcTypeInfo() {
  TypeInfo t = common::declared("AWS::EC2::VPC", validateVpc);
  // ModifyVpcTenancy only goes back to default: driftless replaces the VPC instead
  // (the database: an update); dedicated hosts are not offered.
  common::at(t.properties, "InstanceTenancy").immut().oneOf({"default", "dedicated"});
  return t;
}

static std::vector<std::string> validateSubnet(const Properties& p) {
  std::vector<std::string> out;
  checkCidr(p, "CidrBlock", out);
  const bool native = common::boolLike(p.find("Ipv6Native")).value_or(false);
  if (native && p.find("CidrBlock"))
    out.push_back("CidrBlock: an IPv6-only subnet (Ipv6Native) has no IPv4 block");
  if (native && !p.find("Ipv6CidrBlock"))
    out.push_back("Ipv6CidrBlock: required for an IPv6-only subnet (Ipv6Native)");
  if (!native && !p.find("CidrBlock"))
    out.push_back("CidrBlock: required (IPAM pools are not supported)");
  if (common::boolLike(p.find("AssignIpv6AddressOnCreation")).value_or(false) &&
      !p.find("Ipv6CidrBlock"))
    out.push_back("AssignIpv6AddressOnCreation: needs an Ipv6CidrBlock");
  return out;
}

TypeInfo subnetTypeInfo() {
  return common::declared("AWS::EC2::Subnet", validateSubnet);
}

TypeInfo internetGatewayTypeInfo() {
  return common::declared("AWS::EC2::InternetGateway");
}

TypeInfo egressOnlyInternetGatewayTypeInfo() {
  return common::declared("AWS::EC2::EgressOnlyInternetGateway");
}

static std::vector<std::string> validateGatewayAttachment(const Properties& p) {
  std::vector<std::string> out;
  if ((p.find("InternetGatewayId") != nullptr) == (p.find("VpnGatewayId") != nullptr))
    out.push_back("InternetGatewayId: exactly one of InternetGatewayId and VpnGatewayId");
  return out;
}

TypeInfo gatewayAttachmentTypeInfo() {
  return common::declared("AWS::EC2::VPCGatewayAttachment", validateGatewayAttachment);
}

TypeInfo routeTableTypeInfo() {
  return common::declared("AWS::EC2::RouteTable");
}

TypeInfo routeTypeInfo() {
  std::vector<std::string> names = {"RouteTableId", "DestinationCidrBlock",
                                    "DestinationIpv6CidrBlock", "DestinationPrefixListId"};
  names.insert(names.end(), std::begin(kRouteTargets), std::end(kRouteTargets));
  return common::typeInfo({
      .type = "AWS::EC2::Route",
      .attributes = {"CidrBlock"},
      .manage = names,
      // a route is an entry of its table: state owns it
      .taggable = false,
      .iam = {"ec2:DescribeRouteTables", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute"},
      .validate =
          [](const Properties& p) {
            std::vector<std::string> out;
            int destinations = 0, targets = 0;
            for (const char* d :
                 {"DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId"})
              destinations += p.find(d) ? 1 : 0;
            for (const char* target : kRouteTargets)
              targets += p.find(target) ? 1 : 0;
            if (destinations != 1)
              out.push_back(
                  "DestinationCidrBlock: exactly one of DestinationCidrBlock, "
                  "DestinationIpv6CidrBlock "
                  "and DestinationPrefixListId");
            if (targets != 1)
              out.push_back(
                  "GatewayId: exactly one target (GatewayId, NatGatewayId, ...) per route");
            checkCidr(p, "DestinationCidrBlock", out);
            return out;
          },
  });
}

TypeInfo subnetRouteTableAssociationTypeInfo() {
  return common::declared("AWS::EC2::SubnetRouteTableAssociation");
}

static std::vector<std::string> validateSecurityGroup(const Properties& p) {
  std::vector<std::string> out;
  if (auto n = common::stringLike(p.find("GroupName"));
      n && (n->empty() || n->size() > 255 || n->starts_with("sg-")))
    out.push_back("GroupName: 1-255 characters, not starting with 'sg-'");
  if (auto d = common::stringLike(p.find("GroupDescription")); d && d->size() > 255)
    out.push_back("GroupDescription: at most 255 characters");
  for (const char* dir : {"SecurityGroupIngress", "SecurityGroupEgress"})
    if (const Value* rules = p.find(dir); rules && rules->isArray())
      for (const auto& r : rules->asArray()) {
        int peers = 0;
        for (const char* f : {"CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourcePrefixListId",
                              "DestinationSecurityGroupId", "DestinationPrefixListId"})
          peers += r.find(f) ? 1 : 0;
        if (peers != 1) {
          out.push_back(std::string(dir) +
                        ": each rule names exactly one peer (CidrIp, CidrIpv6, a security "
                        "group or a prefix list)");
          break;
        }
      }
  return out;
}

TypeInfo securityGroupTypeInfo() {
  return common::declared("AWS::EC2::SecurityGroup", validateSecurityGroup);
}

namespace {

// AWS::EC2::SecurityGroupIngress / Egress: one rule, its peer named `group`
// (a security group) or `prefixList`. An ingress rule may also name its group
// and its source group by name (a default VPC's) and the source group's owner.
TypeInfo securityGroupRuleTypeInfo(std::string type, const char* group, const char* prefixList,
                                   std::string authorize, std::string revoke,
                                   std::string updateDescriptions, bool ingress) {
  std::vector<std::string> names = {"GroupId",  "IpProtocol", "FromPort", "ToPort",     "CidrIp",
                                    "CidrIpv6", group,        prefixList, "Description"};
  std::vector<std::string> actions = {"ec2:DescribeSecurityGroupRules", "ec2:" + authorize,
                                      "ec2:" + revoke, "ec2:" + updateDescriptions};
  if (ingress) {
    for (const char* p : {"GroupName", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId"})
      names.emplace_back(p);
    actions.emplace_back(
        "ec2:DescribeSecurityGroups");  // names, for GroupName and SourceSecurityGroupName
  }
  TypeInfo t = common::typeInfo({
      .type = std::move(type),
      .attributes = {"Id"},
      .manage = names,  // all but Description a replacement, GroupId required for egress
      .iam = taggedActions(std::move(actions)),
  });
  t.validate = [group, prefixList, ingress](const Properties& p) {
    std::vector<std::string> out;
    const bool byGroup = p.find(group) || (ingress && p.find("SourceSecurityGroupName"));
    int peers = byGroup ? 1 : 0;
    for (const char* f : {"CidrIp", "CidrIpv6", prefixList})
      peers += p.find(f) ? 1 : 0;
    if (peers != 1)
      out.push_back(std::string("CidrIp: exactly one peer (CidrIp, CidrIpv6, ") + group +
                    (ingress ? ", SourceSecurityGroupName" : "") + " or " + prefixList + ")");
    if (ingress && p.find(group) && p.find("SourceSecurityGroupName"))
      out.push_back(std::string("SourceSecurityGroupName: not with ") + group + " (give one)");
    if (ingress && p.find("SourceSecurityGroupOwnerId") && !byGroup)
      out.push_back("SourceSecurityGroupOwnerId: only with a source security group");
    if (ingress && (p.find("GroupId") != nullptr) == (p.find("GroupName") != nullptr))
      out.push_back("GroupId: exactly one of GroupId and GroupName");
    checkCidr(p, "CidrIp", out);
    return out;
  };
  return t;
}

}  // namespace

TypeInfo securityGroupIngressTypeInfo() {
  return securityGroupRuleTypeInfo("AWS::EC2::SecurityGroupIngress", "SourceSecurityGroupId",
                                   "SourcePrefixListId", "AuthorizeSecurityGroupIngress",
                                   "RevokeSecurityGroupIngress",
                                   "UpdateSecurityGroupRuleDescriptionsIngress", true);
}

TypeInfo securityGroupEgressTypeInfo() {
  return securityGroupRuleTypeInfo("AWS::EC2::SecurityGroupEgress", "DestinationSecurityGroupId",
                                   "DestinationPrefixListId", "AuthorizeSecurityGroupEgress",
                                   "RevokeSecurityGroupEgress",
                                   "UpdateSecurityGroupRuleDescriptionsEgress", false);
}

TypeInfo eipTypeInfo() {
  return common::declared("AWS::EC2::EIP");
}

namespace {

// A zonal NAT gateway (the default) lives in a subnet; a regional one spans
// its VPC's zones, its addresses given per zone.
void checkNatMode(const Properties& p, std::vector<std::string>& out) {
  const bool regional = common::stringLike(p.find("AvailabilityMode")) == "regional";
  const char* zonalOnly[] = {"SubnetId", "PrivateIpAddress", "SecondaryAllocationIds",
                             "SecondaryPrivateIpAddresses", "SecondaryPrivateIpAddressCount"};
  if (regional) {
    if (!p.find("VpcId")) out.push_back("VpcId: required for a regional NAT gateway");
    for (const char* f : zonalOnly)
      if (p.find(f)) out.push_back(std::string(f) + ": only for a zonal NAT gateway");
  } else {
    if (!p.find("SubnetId")) out.push_back("SubnetId: required for a zonal NAT gateway");
    for (const char* f : {"VpcId", "AvailabilityZoneAddresses"})
      if (p.find(f))
        out.push_back(std::string(f) +
                      ": only for a regional NAT gateway (a zonal one's VPC is its subnet's)");
  }
  if (const Value* zones = p.find("AvailabilityZoneAddresses"); zones && zones->isArray())
    for (const auto& z : zones->asArray())
      if ((z.find("AvailabilityZone") != nullptr) == (z.find("AvailabilityZoneId") != nullptr)) {
        out.push_back(
            "AvailabilityZoneAddresses: each entry names exactly one of AvailabilityZone and "
            "AvailabilityZoneId");
        break;
      }
}

}  // namespace

static std::vector<std::string> validateNatGateway(const Properties& p) {
  std::vector<std::string> out;
  bool isPrivate = common::stringLike(p.find("ConnectivityType")).value_or("public") == "private";
  const bool regional = common::stringLike(p.find("AvailabilityMode")) == "regional";
  if (!isPrivate && !regional && !p.find("AllocationId"))
    out.push_back(
        "AllocationId: a public NAT gateway needs an elastic IP (!GetAtt "
        "Eip.AllocationId)");
  if (isPrivate && p.find("AllocationId"))
    out.push_back("AllocationId: a private NAT gateway takes no elastic IP");
  if (isPrivate && p.find("SecondaryAllocationIds"))
    out.push_back("SecondaryAllocationIds: a private NAT gateway takes no elastic IP");
  if (p.find("SecondaryPrivateIpAddresses") && p.find("SecondaryPrivateIpAddressCount"))
    out.push_back(
        "SecondaryPrivateIpAddressCount: not with SecondaryPrivateIpAddresses (give "
        "one)");
  if (!isPrivate && p.find("SecondaryPrivateIpAddressCount"))
    out.push_back("SecondaryPrivateIpAddressCount: only for a private NAT gateway");
  common::checkIntegerRange(p, "SecondaryPrivateIpAddressCount", 1, 31, "", out);
  checkNatMode(p, out);
  return out;
}

TypeInfo natGatewayTypeInfo() {
  return common::declared("AWS::EC2::NatGateway", validateNatGateway);
}

TypeInfo networkAclTypeInfo() {
  return common::declared("AWS::EC2::NetworkAcl");
}

static std::vector<std::string> validateNetworkAclEntry(const Properties& p) {
  std::vector<std::string> out;
  common::checkIntegerRange(p, "RuleNumber", 1, 32766, " (32767 is the default rule, AWS's)", out);
  common::checkIntegerRange(p, "Protocol", -1, 255, " (-1: all; 6: TCP; 17: UDP; 1: ICMP)", out);
  if ((p.find("CidrBlock") ? 1 : 0) + (p.find("Ipv6CidrBlock") ? 1 : 0) != 1)
    out.push_back("CidrBlock: exactly one of CidrBlock and Ipv6CidrBlock");
  checkCidr(p, "CidrBlock", out);
  const auto protocol = common::intLike(p.find("Protocol"));
  if ((protocol == 6 || protocol == 17) && !p.find("PortRange"))
    out.push_back("PortRange: required for TCP (6) and UDP (17)");
  if ((protocol == 1 || protocol == 58) && !p.find("Icmp"))
    out.push_back("Icmp: required for ICMP (1) and ICMPv6 (58)");
  return out;
}

TypeInfo networkAclEntryTypeInfo() {
  return common::declared("AWS::EC2::NetworkAclEntry", validateNetworkAclEntry);
}

TypeInfo subnetNetworkAclAssociationTypeInfo() {
  return common::declared("AWS::EC2::SubnetNetworkAclAssociation");
}

static std::vector<std::string> validateVpcCidrBlock(const Properties& p) {
  std::vector<std::string> out;
  const bool ipv6 = common::boolLike(p.find("AmazonProvidedIpv6CidrBlock")).value_or(false);
  if (ipv6 == (p.find("CidrBlock") != nullptr))
    out.push_back(
        "CidrBlock: exactly one of CidrBlock and AmazonProvidedIpv6CidrBlock: true (IPAM "
        "pools are not supported)");
  checkVpcCidr(p, out);
  return out;
}

TypeInfo vpcCidrBlockTypeInfo() {
  return common::declared("AWS::EC2::VPCCidrBlock", validateVpcCidrBlock);
}

static std::vector<std::string> validateVpcEndpoint(const Properties& p) {
  std::vector<std::string> out;
  const bool gateway =
      common::stringLike(p.find("VpcEndpointType")).value_or("Gateway") == "Gateway";
  if (gateway) {
    for (const char* f :
         {"SubnetIds", "SecurityGroupIds", "PrivateDnsEnabled", "DnsOptions", "ServiceRegion"})
      if (p.find(f))
        out.push_back(std::string(f) + ": only for an Interface endpoint (VpcEndpointType)");
  } else if (p.find("RouteTableIds")) {
    out.push_back("RouteTableIds: only for a Gateway endpoint (VpcEndpointType)");
  }
  return out;
}

TypeInfo vpcEndpointTypeInfo() {
  return common::declared("AWS::EC2::VPCEndpoint", validateVpcEndpoint);
}

static std::vector<std::string> validateKeyPair(const Properties& p) {
  std::vector<std::string> out;
  if (auto n = common::stringLike(p.find("KeyName")); n && (n->empty() || n->size() > 255))
    out.push_back("KeyName: 1-255 characters");
  if (p.find("PublicKeyMaterial"))
    for (const char* f : {"KeyType", "KeyFormat"})
      if (p.find(f))
        out.push_back(std::string(f) + ": only for a key AWS creates (not with PublicKeyMaterial)");
  return out;
}

TypeInfo keyPairTypeInfo() {
  return common::declared("AWS::EC2::KeyPair", validateKeyPair);
}

static std::vector<std::string> validateLaunchTemplate(const Properties& p) {
  std::vector<std::string> out;
  if (const Value* specs = p.find("TagSpecifications");
      specs && specs->isArray() && specs->size() > 1)
    out.push_back("TagSpecifications: one entry (ResourceType launch-template)");
  return out;
}

TypeInfo launchTemplateTypeInfo() {
  TypeInfo t = common::declared("AWS::EC2::LaunchTemplate", validateLaunchTemplate);
  // driftless tags the template itself only.
  common::at(t.properties, "TagSpecifications.ResourceType").req().oneOf({"launch-template"});
  return t;
}

namespace {

void checkInstanceOptions(const Properties& p, std::vector<std::string>& out) {
  if (p.find("SecurityGroups") && p.find("SecurityGroupIds"))
    out.push_back("SecurityGroups: give group names or SecurityGroupIds, not both");
  if (p.find("NetworkInterfaces"))
    for (const char* f : {"SubnetId", "SecurityGroupIds", "SecurityGroups", "PrivateIpAddress",
                          "Ipv6AddressCount", "Ipv6Addresses"})
      if (p.find(f))
        out.push_back(std::string(f) +
                      ": give it in NetworkInterfaces (EC2 takes an instance's "
                      "network settings in one place)");
  if (p.find("Ipv6AddressCount") && p.find("Ipv6Addresses"))
    out.push_back("Ipv6AddressCount: give a count or Ipv6Addresses, not both");
  common::checkIntegerRange(p, "MetadataOptions.HttpPutResponseHopLimit", 1, 64, "", out);
  if (const Value* v = p.find("Volumes"); v && v->isArray()) {
    std::set<std::string> devices;
    for (const auto& e : v->asArray())
      if (auto d = common::stringLike(e.find("Device")); d && !devices.insert(*d).second)
        out.push_back("Volumes: device " + *d + " is given twice");
  }
}

}  // namespace

static std::vector<std::string> validateInstance(const Properties& p) {
  std::vector<std::string> out;
  if (!p.find("ImageId") && !p.find("LaunchTemplate"))
    out.push_back("ImageId: required unless a LaunchTemplate gives it");
  checkInstanceOptions(p, out);
  if (const Value* lt = p.find("LaunchTemplate");
      lt &&
      (lt->find("LaunchTemplateId") != nullptr) == (lt->find("LaunchTemplateName") != nullptr))
    out.push_back("LaunchTemplate: exactly one of LaunchTemplateId and LaunchTemplateName");
  return out;
}

TypeInfo instanceTypeInfo() {
  TypeInfo t = common::declared("AWS::EC2::Instance", validateInstance);
  // What EC2 changes only on a stopped instance replaces it, as InstanceType does:
  // driftless never stops an instance behind the manifest. IamInstanceProfile, UserData
  // and the disks replace it too (the database: an update).
  for (auto path :
       {"InstanceType", "EbsOptimized", "KernelId", "RamdiskId", "Tenancy", "Affinity", "HostId",
        "PrivateDnsNameOptions", "IamInstanceProfile", "UserData", "BlockDeviceMappings"})
    common::at(t.properties, path).immut();
  // The empty string EC2's API takes to omit a device (the database: JSON).
  common::at(t.properties, "BlockDeviceMappings.NoDevice").kind = PropertySpec::Kind::String;
  return t;
}

}  // namespace driftless::ec2
