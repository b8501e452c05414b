#include "providers/ec2/schema.h"

#include <charconv>
#include <set>

#include "providers/common/cfn_schema.h"
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

TypeInfo vpcTypeInfo() {
  TypeInfo t = common::typeInfo(
      "AWS::EC2::VPC", "", "", {"VpcId", "CidrBlock", "DefaultSecurityGroup", "DefaultNetworkAcl"});
  common::manage(
      t, {"CidrBlock", "EnableDnsSupport", "EnableDnsHostnames", "InstanceTenancy", "Tags"});
  // Its alternative, an IPAM pool, is refused (providers/cfnspec/coverage.cpp).
  common::at(t.properties, "CidrBlock").req();
  // ModifyVpcTenancy only goes back to default: driftless replaces the VPC instead
  // (the database: an update); dedicated hosts are not offered.
  common::at(t.properties, "InstanceTenancy").immut().oneOf({"default", "dedicated"});
  t.iamActions = taggedActions({"ec2:CreateVpc", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute",
                                "ec2:ModifyVpcAttribute", "ec2:DeleteVpc",
                                "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls"});
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    checkVpcCidr(p, out);
    return out;
  };
  return t;
}

TypeInfo subnetTypeInfo() {
  TypeInfo t = common::typeInfo(
      "AWS::EC2::Subnet", "", "",
      {"SubnetId", "AvailabilityZone", "AvailabilityZoneId", "VpcId", "CidrBlock"});
  common::manage(
      t, {"VpcId", "CidrBlock", "AvailabilityZone", "AvailabilityZoneId", "MapPublicIpOnLaunch",
          "Ipv6CidrBlock", "Ipv6Native", "AssignIpv6AddressOnCreation", "EnableDns64",
          "PrivateDnsNameOptionsOnLaunch", "Tags"});
  // AWS's values, which the database does not list.
  common::at(t.properties, "PrivateDnsNameOptionsOnLaunch.HostnameType")
      .oneOf({"ip-name", "resource-name"});
  t.iamActions = taggedActions({"ec2:CreateSubnet", "ec2:DescribeSubnets",
                                "ec2:ModifySubnetAttribute", "ec2:AssociateSubnetCidrBlock",
                                "ec2:DisassociateSubnetCidrBlock", "ec2:DeleteSubnet"});
  t.validate = [](const Properties& p) {
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
  };
  return t;
}

TypeInfo internetGatewayTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::InternetGateway", "", "", {"InternetGatewayId"});
  common::manage(t, {"Tags"});
  t.iamActions = taggedActions(
      {"ec2:CreateInternetGateway", "ec2:DescribeInternetGateways", "ec2:DeleteInternetGateway"});
  return t;
}

TypeInfo egressOnlyInternetGatewayTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::EgressOnlyInternetGateway", "", "", {"Id"});
  common::manage(t, {"VpcId", "Tags"});
  t.iamActions = taggedActions({"ec2:CreateEgressOnlyInternetGateway",
                                "ec2:DescribeEgressOnlyInternetGateways",
                                "ec2:DeleteEgressOnlyInternetGateway"});
  return t;
}

TypeInfo gatewayAttachmentTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::VPCGatewayAttachment", "", "", {"AttachmentType"});
  common::manage(t, {"VpcId", "InternetGatewayId", "VpnGatewayId"});
  // Another gateway is another attachment: detach, then attach (the database: an update).
  common::at(t.properties, "InternetGatewayId").immut();
  common::at(t.properties, "VpnGatewayId").immut();
  t.taggable = false;  // an attachment is not a resource of its own: state owns it
  t.iamActions = {"ec2:DescribeInternetGateways", "ec2:AttachInternetGateway",
                  "ec2:DetachInternetGateway",    "ec2:DescribeVpnGateways",
                  "ec2:AttachVpnGateway",         "ec2:DetachVpnGateway"};
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    if ((p.find("InternetGatewayId") != nullptr) == (p.find("VpnGatewayId") != nullptr))
      out.push_back("InternetGatewayId: exactly one of InternetGatewayId and VpnGatewayId");
    return out;
  };
  return t;
}

TypeInfo routeTableTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::RouteTable", "", "", {"RouteTableId"});
  common::manage(t, {"VpcId", "Tags"});
  t.iamActions =
      taggedActions({"ec2:CreateRouteTable", "ec2:DescribeRouteTables", "ec2:DeleteRouteTable"});
  return t;
}

TypeInfo routeTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::Route", "", "", {"CidrBlock"});
  std::vector<std::string_view> names = {"RouteTableId", "DestinationCidrBlock",
                                         "DestinationIpv6CidrBlock", "DestinationPrefixListId"};
  names.insert(names.end(), std::begin(kRouteTargets), std::end(kRouteTargets));
  common::manage(t, names);
  t.taggable = false;  // a route is an entry of its table: state owns it
  t.iamActions = {"ec2:DescribeRouteTables", "ec2:CreateRoute", "ec2:ReplaceRoute",
                  "ec2:DeleteRoute"};
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    int destinations = 0, targets = 0;
    for (const char* d :
         {"DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId"})
      destinations += p.find(d) ? 1 : 0;
    for (const char* target : kRouteTargets)
      targets += p.find(target) ? 1 : 0;
    if (destinations != 1)
      out.push_back(
          "DestinationCidrBlock: exactly one of DestinationCidrBlock, DestinationIpv6CidrBlock "
          "and DestinationPrefixListId");
    if (targets != 1)
      out.push_back("GatewayId: exactly one target (GatewayId, NatGatewayId, ...) per route");
    checkCidr(p, "DestinationCidrBlock", out);
    return out;
  };
  return t;
}

TypeInfo subnetRouteTableAssociationTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::SubnetRouteTableAssociation", "", "", {"Id"});
  common::manage(t, {"SubnetId", "RouteTableId"});
  // ReplaceRouteTableAssociation moves the subnet in place (the database: a replacement).
  common::at(t.properties, "RouteTableId").immutable = false;
  t.taggable = false;  // associations carry no tags: state owns them
  t.iamActions = {"ec2:DescribeRouteTables", "ec2:AssociateRouteTable",
                  "ec2:ReplaceRouteTableAssociation", "ec2:DisassociateRouteTable"};
  return t;
}

TypeInfo securityGroupTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::SecurityGroup", "", "", {"GroupId", "VpcId"});
  // An inline ingress rule names its source group by id (not by name or owner).
  common::manage(
      t, {"GroupDescription", "GroupName", "VpcId", "SecurityGroupIngress.IpProtocol",
          "SecurityGroupIngress.FromPort", "SecurityGroupIngress.ToPort",
          "SecurityGroupIngress.CidrIp", "SecurityGroupIngress.CidrIpv6",
          "SecurityGroupIngress.SourceSecurityGroupId", "SecurityGroupIngress.SourcePrefixListId",
          "SecurityGroupIngress.Description", "SecurityGroupEgress", "Tags"});
  t.iamActions = taggedActions(
      {"ec2:CreateSecurityGroup", "ec2:DescribeSecurityGroups", "ec2:AuthorizeSecurityGroupIngress",
       "ec2:RevokeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
       "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup"});
  t.validate = [](const Properties& p) {
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
  };
  return t;
}

namespace {

// AWS::EC2::SecurityGroupIngress / Egress: one rule, its peer named `group`
// (a security group) or `prefixList`. An ingress rule may also name its group
// and its source group by name (a default VPC's) and the source group's owner.
TypeInfo securityGroupRuleTypeInfo(std::string type, const char* group, const char* prefixList,
                                   std::string authorize, std::string revoke,
                                   std::string updateDescriptions, bool ingress) {
  TypeInfo t = common::typeInfo(std::move(type), "", "", {"Id"});
  std::vector<std::string_view> names = {"GroupId", "IpProtocol", "FromPort",
                                         "ToPort",  "CidrIp",     "CidrIpv6",
                                         group,     prefixList,   "Description"};
  std::vector<std::string> actions = {"ec2:DescribeSecurityGroupRules", "ec2:" + authorize,
                                      "ec2:" + revoke, "ec2:" + updateDescriptions};
  if (ingress) {
    for (const char* p : {"GroupName", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId"})
      names.emplace_back(p);
    actions.emplace_back(
        "ec2:DescribeSecurityGroups");  // names, for GroupName and SourceSecurityGroupName
  }
  common::manage(t, names);  // all but Description a replacement, GroupId required for egress
  t.iamActions = taggedActions(std::move(actions));
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
  TypeInfo t = common::typeInfo("AWS::EC2::EIP", "", "PublicIp", {"AllocationId", "PublicIp"});
  // PublicIpv4Pool replaces too: an allocation never moves to another pool.
  common::manage(
      t, {"Domain", "Address", "NetworkBorderGroup", "PublicIpv4Pool", "InstanceId", "Tags"});
  // AWS's values, which the database does not list.
  common::at(t.properties, "Domain").oneOf({"vpc"});
  common::at(t.properties, "PublicIpv4Pool").immut();  // (the database: an update)
  t.iamActions =
      taggedActions({"ec2:AllocateAddress", "ec2:DescribeAddresses", "ec2:AssociateAddress",
                     "ec2:DisassociateAddress", "ec2:ReleaseAddress"});
  return t;
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

TypeInfo natGatewayTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::NatGateway", "", "", {"NatGatewayId"});
  common::manage(
      t, {"SubnetId", "AllocationId", "ConnectivityType", "PrivateIpAddress",
          "SecondaryAllocationIds", "SecondaryPrivateIpAddresses", "SecondaryPrivateIpAddressCount",
          "AvailabilityMode", "VpcId", "AvailabilityZoneAddresses", "Tags"});
  // AWS's values, which the database does not list.
  common::at(t.properties, "ConnectivityType").oneOf({"public", "private"});
  common::at(t.properties, "AvailabilityMode").oneOf({"zonal", "regional"});
  t.iamActions = taggedActions(
      {"ec2:CreateNatGateway", "ec2:DescribeNatGateways", "ec2:AssociateNatGatewayAddress",
       "ec2:DisassociateNatGatewayAddress", "ec2:AssignPrivateNatGatewayAddress",
       "ec2:UnassignPrivateNatGatewayAddress", "ec2:DeleteNatGateway"});
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    bool isPrivate = common::stringLike(p.find("ConnectivityType")).value_or("public") == "private";
    const bool regional = common::stringLike(p.find("AvailabilityMode")) == "regional";
    if (!isPrivate && !regional && !p.find("AllocationId"))
      out.push_back(
          "AllocationId: a public NAT gateway needs an elastic IP (!GetAtt Eip.AllocationId)");
    if (isPrivate && p.find("AllocationId"))
      out.push_back("AllocationId: a private NAT gateway takes no elastic IP");
    if (isPrivate && p.find("SecondaryAllocationIds"))
      out.push_back("SecondaryAllocationIds: a private NAT gateway takes no elastic IP");
    if (p.find("SecondaryPrivateIpAddresses") && p.find("SecondaryPrivateIpAddressCount"))
      out.push_back(
          "SecondaryPrivateIpAddressCount: not with SecondaryPrivateIpAddresses (give one)");
    if (!isPrivate && p.find("SecondaryPrivateIpAddressCount"))
      out.push_back("SecondaryPrivateIpAddressCount: only for a private NAT gateway");
    common::checkIntegerRange(p, "SecondaryPrivateIpAddressCount", 1, 31, "", out);
    checkNatMode(p, out);
    return out;
  };
  return t;
}

TypeInfo networkAclTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::NetworkAcl", "", "", {"Id"});
  common::manage(t, {"VpcId", "Tags"});
  t.iamActions =
      taggedActions({"ec2:CreateNetworkAcl", "ec2:DescribeNetworkAcls", "ec2:DeleteNetworkAcl"});
  return t;
}

TypeInfo networkAclEntryTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::NetworkAclEntry", "", "", {"Id"});
  common::manage(t, {"NetworkAclId", "RuleNumber", "Egress", "Protocol", "RuleAction", "CidrBlock",
                     "Ipv6CidrBlock", "PortRange", "Icmp"});
  // AWS's values, which the database does not list.
  common::at(t.properties, "RuleAction").oneOf({"allow", "deny"});
  t.taggable = false;  // an entry is a numbered rule of its ACL: state owns it
  t.iamActions = {"ec2:DescribeNetworkAcls", "ec2:CreateNetworkAclEntry",
                  "ec2:ReplaceNetworkAclEntry", "ec2:DeleteNetworkAclEntry"};
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    common::checkIntegerRange(p, "RuleNumber", 1, 32766, " (32767 is the default rule, AWS's)",
                              out);
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
  };
  return t;
}

TypeInfo subnetNetworkAclAssociationTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::SubnetNetworkAclAssociation", "", "", {"AssociationId"});
  common::manage(t, {"SubnetId", "NetworkAclId"});
  // driftless changes these in place (the database: a replacement).
  common::at(t.properties, "NetworkAclId").immutable = false;
  t.taggable = false;  // associations carry no tags: state owns them
  t.iamActions = {"ec2:DescribeNetworkAcls", "ec2:ReplaceNetworkAclAssociation"};
  return t;
}

TypeInfo vpcCidrBlockTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::VPCCidrBlock", "", "", {"Id"});
  common::manage(t, {"VpcId", "CidrBlock", "AmazonProvidedIpv6CidrBlock"});
  t.taggable = false;  // an association carries no tags: state owns it
  t.iamActions = {"ec2:DescribeVpcs", "ec2:AssociateVpcCidrBlock", "ec2:DisassociateVpcCidrBlock"};
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    const bool ipv6 = common::boolLike(p.find("AmazonProvidedIpv6CidrBlock")).value_or(false);
    if (ipv6 == (p.find("CidrBlock") != nullptr))
      out.push_back(
          "CidrBlock: exactly one of CidrBlock and AmazonProvidedIpv6CidrBlock: true (IPAM "
          "pools are not supported)");
    checkVpcCidr(p, out);
    return out;
  };
  return t;
}

TypeInfo vpcEndpointTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::VPCEndpoint", "", "",
                                {"Id", "CreationTimestamp", "DnsEntries", "NetworkInterfaceIds"});
  common::manage(t, {"VpcId", "ServiceName", "VpcEndpointType", "RouteTableIds", "SubnetIds",
                     "SecurityGroupIds", "PolicyDocument", "PrivateDnsEnabled", "IpAddressType",
                     "ServiceRegion", "DnsOptions.DnsRecordIpType",
                     "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint", "Tags"});
  // Its alternatives, a service network or a resource configuration, are refused
  // (providers/cfnspec/coverage.cpp).
  common::at(t.properties, "ServiceName").req();
  // The values driftless implements (the database lists more endpoint types, and
  // not-specified addresses and DNS records).
  common::at(t.properties, "VpcEndpointType").oneOf({"Gateway", "Interface"});
  common::at(t.properties, "IpAddressType").oneOf({"ipv4", "dualstack", "ipv6"});
  common::at(t.properties, "DnsOptions.DnsRecordIpType")
      .oneOf({"ipv4", "dualstack", "ipv6", "service-defined"});
  t.iamActions = taggedActions({"ec2:CreateVpcEndpoint", "ec2:DescribeVpcEndpoints",
                                "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"});
  t.validate = [](const Properties& p) {
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
  };
  return t;
}

TypeInfo keyPairTypeInfo() {
  TypeInfo t =
      common::typeInfo("AWS::EC2::KeyPair", "KeyName", "", {"KeyPairId", "KeyFingerprint"});
  common::manage(t, {"KeyName", "PublicKeyMaterial", "KeyType", "KeyFormat", "Tags"});
  // driftless retags a key pair in place (CreateTags, DeleteTags; the database: a replacement).
  common::at(t.properties, "Tags").immutable = false;
  t.iamActions = taggedActions({"ec2:CreateKeyPair", "ec2:ImportKeyPair", "ec2:DescribeKeyPairs",
                                "ec2:DeleteKeyPair", "ssm:PutParameter", "ssm:GetParameter",
                                "ssm:DeleteParameter", "ssm:AddTagsToResource"});
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    if (auto n = common::stringLike(p.find("KeyName")); n && (n->empty() || n->size() > 255))
      out.push_back("KeyName: 1-255 characters");
    if (p.find("PublicKeyMaterial"))
      for (const char* f : {"KeyType", "KeyFormat"})
        if (p.find(f))
          out.push_back(std::string(f) +
                        ": only for a key AWS creates (not with PublicKeyMaterial)");
    return out;
  };
  return t;
}

TypeInfo launchTemplateTypeInfo() {
  TypeInfo t =
      common::typeInfo("AWS::EC2::LaunchTemplate", "", "",
                       {"LaunchTemplateId", "LatestVersionNumber", "DefaultVersionNumber"});
  common::manage(
      t, {"LaunchTemplateName", "VersionDescription", "LaunchTemplateData.ImageId",
          "LaunchTemplateData.InstanceType", "LaunchTemplateData.KeyName",
          "LaunchTemplateData.UserData", "LaunchTemplateData.SecurityGroupIds",
          "LaunchTemplateData.IamInstanceProfile", "LaunchTemplateData.EbsOptimized",
          "LaunchTemplateData.Monitoring",
          // block device mappings; of an EBS volume, the fields driftless implements
          "LaunchTemplateData.BlockDeviceMappings.DeviceName",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.VolumeSize",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.VolumeType",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.DeleteOnTermination",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.Encrypted",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.Iops",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.Throughput",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.KmsKeyId",
          "LaunchTemplateData.BlockDeviceMappings.Ebs.SnapshotId",
          "LaunchTemplateData.BlockDeviceMappings.NoDevice",
          "LaunchTemplateData.BlockDeviceMappings.VirtualName",
          "LaunchTemplateData.MetadataOptions.HttpTokens",
          "LaunchTemplateData.MetadataOptions.HttpEndpoint",
          "LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit", "TagSpecifications"});
  // AWS's values, which the database does not list.
  common::at(t.properties, "LaunchTemplateData.MetadataOptions.HttpTokens")
      .oneOf({"optional", "required"});
  common::at(t.properties, "LaunchTemplateData.MetadataOptions.HttpEndpoint")
      .oneOf({"enabled", "disabled"});
  // A mapping names its device (the database does not require it).
  common::at(t.properties, "LaunchTemplateData.BlockDeviceMappings.DeviceName").req();
  // driftless tags the template itself only.
  common::at(t.properties, "TagSpecifications.ResourceType").req().oneOf({"launch-template"});
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    if (const Value* specs = p.find("TagSpecifications");
        specs && specs->isArray() && specs->size() > 1)
      out.push_back("TagSpecifications: one entry (ResourceType launch-template)");
    return out;
  };
  t.iamActions =
      taggedActions({"ec2:CreateLaunchTemplate", "ec2:DescribeLaunchTemplates",
                     "ec2:DescribeLaunchTemplateVersions", "ec2:CreateLaunchTemplateVersion",
                     "ec2:ModifyLaunchTemplate", "ec2:DeleteLaunchTemplate"});
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

TypeInfo instanceTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::EC2::Instance", "", "",
                                {"InstanceId", "PrivateIp", "PublicIp", "AvailabilityZone",
                                 "PrivateDnsName", "PublicDnsName", "VpcId"});
  common::manage(
      t, {"ImageId", "InstanceType", "SubnetId", "SecurityGroupIds", "KeyName",
          "IamInstanceProfile", "UserData", "BlockDeviceMappings", "LaunchTemplate", "Tags",
          // its settings beyond the image, type, network and disks
          "AvailabilityZone", "SecurityGroups", "PrivateIpAddress", "Ipv6AddressCount",
          "Ipv6Addresses", "Tenancy", "PlacementGroupName", "HostId", "Affinity", "EbsOptimized",
          "KernelId", "RamdiskId", "CpuOptions", "HibernationOptions", "EnclaveOptions",
          "PrivateDnsNameOptions", "DisableApiTermination", "InstanceInitiatedShutdownBehavior",
          "SourceDestCheck", "Monitoring", "MetadataOptions", "CreditSpecification", "Volumes",
          "PropagateTagsToVolumeOnCreation", "NetworkInterfaces.AssociatePublicIpAddress",
          "NetworkInterfaces.DeleteOnTermination", "NetworkInterfaces.Description",
          "NetworkInterfaces.DeviceIndex", "NetworkInterfaces.GroupSet",
          "NetworkInterfaces.Ipv6AddressCount", "NetworkInterfaces.Ipv6Addresses",
          "NetworkInterfaces.NetworkInterfaceId", "NetworkInterfaces.PrivateIpAddress",
          "NetworkInterfaces.PrivateIpAddresses",
          "NetworkInterfaces.SecondaryPrivateIpAddressCount", "NetworkInterfaces.SubnetId"});
  // AWS's values, which the database does not list.
  common::at(t.properties, "Tenancy").oneOf({"default", "dedicated", "host"});
  common::at(t.properties, "InstanceInitiatedShutdownBehavior").oneOf({"stop", "terminate"});
  common::at(t.properties, "CreditSpecification.CPUCredits").oneOf({"standard", "unlimited"});
  // What EC2 changes only on a stopped instance replaces it, as InstanceType does:
  // driftless never stops an instance behind the manifest. IamInstanceProfile, UserData
  // and the disks replace it too (the database: an update).
  for (auto path :
       {"InstanceType", "EbsOptimized", "KernelId", "RamdiskId", "Tenancy", "Affinity", "HostId",
        "PrivateDnsNameOptions", "IamInstanceProfile", "UserData", "BlockDeviceMappings"})
    common::at(t.properties, path).immut();
  // The empty string EC2's API takes to omit a device (the database: JSON).
  common::at(t.properties, "BlockDeviceMappings.NoDevice").kind = PropertySpec::Kind::String;
  // Optional in driftless: the instance starts from the template's default version
  // (the database requires it).
  common::at(t.properties, "LaunchTemplate.Version").required = false;
  t.iamActions = taggedActions(
      {"ec2:RunInstances", "ec2:DescribeInstances", "ec2:ModifyInstanceAttribute",
       "ec2:TerminateInstances", "iam:PassRole", "ec2:DescribeInstanceAttribute",
       "ec2:DescribeInstanceCreditSpecifications", "ec2:ModifyInstanceCreditSpecification",
       "ec2:ModifyInstanceMetadataOptions", "ec2:MonitorInstances", "ec2:UnmonitorInstances",
       "ec2:AttachVolume", "ec2:DetachVolume"});
  t.validate = [](const Properties& p) {
    std::vector<std::string> out;
    if (!p.find("ImageId") && !p.find("LaunchTemplate"))
      out.push_back("ImageId: required unless a LaunchTemplate gives it");
    checkInstanceOptions(p, out);
    if (const Value* lt = p.find("LaunchTemplate");
        lt &&
        (lt->find("LaunchTemplateId") != nullptr) == (lt->find("LaunchTemplateName") != nullptr))
      out.push_back("LaunchTemplate: exactly one of LaunchTemplateId and LaunchTemplateName");
    return out;
  };
  return t;
}

}  // namespace driftless::ec2
