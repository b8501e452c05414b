#pragma once
// Security group rules in one canonical form, shared by AWS::EC2::SecurityGroup
// (inline rules, managed as a set) and AWS::EC2::SecurityGroupIngress/Egress
// (one rule each): a rule is (protocol, ports, one peer, description).
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "providers/aws/client.h"
#include "providers/value.h"

namespace driftless::ec2 {

// One rule: protocol, ports, one peer, description.
struct Rule {
  std::string protocol;  // "tcp", "udp", "icmp", "icmpv6", "-1" or a number
  std::int64_t from = -1, to = -1;
  // "CidrIp", "CidrIpv6", "SecurityGroupId", "PrefixListId" ("SecurityGroupName":
  // a default VPC's group by name, only in a call)
  std::string peerKind;
  std::string peer;
  std::string description;
  auto key() const { return std::tie(protocol, from, to, peerKind, peer, description); }
  friend bool operator<(const Rule& a, const Rule& b) { return a.key() < b.key(); }
  friend bool operator==(const Rule& a, const Rule& b) { return a.key() == b.key(); }
};

// A direction's names: the manifest property, the peer fields of its rules
// (CloudFormation says Source... for ingress, Destination... for egress), the
// API's element and its calls.
struct Direction {
  const char* property;
  const char* groupField;
  const char* prefixListField;
  const char* element;
  std::string_view authorize;
  std::string_view revoke;
  std::string_view updateDescriptions;
};
inline constexpr Direction kIngress{"SecurityGroupIngress",
                                    "SourceSecurityGroupId",
                                    "SourcePrefixListId",
                                    "ipPermissions",
                                    "AuthorizeSecurityGroupIngress",
                                    "RevokeSecurityGroupIngress",
                                    "UpdateSecurityGroupRuleDescriptionsIngress"};
inline constexpr Direction kEgress{"SecurityGroupEgress",
                                   "DestinationSecurityGroupId",
                                   "DestinationPrefixListId",
                                   "ipPermissionsEgress",
                                   "AuthorizeSecurityGroupEgress",
                                   "RevokeSecurityGroupEgress",
                                   "UpdateSecurityGroupRuleDescriptionsEgress"};

// "tcp" for "6" or "TCP", "-1" for "all": the protocol as EC2 reports it.
std::string protocolName(std::string p);
// A manifest rule (CloudFormation's fields) in canonical form.
Rule ruleOf(const Value& v, const Direction& dir);
// Back to the manifest's shape (what observe reports).
Value valueOf(const Rule& r, const Direction& dir);
std::set<Rule> ruleSet(const Value* list, const Direction& dir);
// A DescribeSecurityGroups permission list of `group`, one Rule per peer.
std::set<Rule> liveRules(pugi::xml_node group, const Direction& dir);
Value ruleList(const std::set<Rule>& rules, const Direction& dir);
// IpPermissions.N.* for `rules`, appended to `p`.
void addPermissionParams(aws::Params& p, const std::vector<Rule>& rules);
// GroupId and IpPermissions.N.* for `rules`.
aws::Params permissionParams(const std::string& groupId, const std::vector<Rule>& rules);

}  // namespace driftless::ec2
