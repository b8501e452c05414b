#include "providers/ec2/sg_rules.h"

#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"

namespace driftless::ec2 {

std::string protocolName(std::string p) {
  for (auto& c : p)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (p == "6") return "tcp";
  if (p == "17") return "udp";
  if (p == "1") return "icmp";
  if (p == "58") return "icmpv6";
  if (p == "all") return "-1";
  return p;
}

Rule ruleOf(const Value& v, const Direction& dir) {
  Rule r;
  r.protocol = protocolName(common::stringLike(v.find("IpProtocol")).value_or("-1"));
  if (r.protocol != "-1") {
    r.from = common::intLike(v.find("FromPort")).value_or(-1);
    r.to = common::intLike(v.find("ToPort")).value_or(-1);
  }
  for (const char* kind : {"CidrIp", "CidrIpv6"})
    if (auto p = common::stringLike(v.find(kind))) r.peerKind = kind, r.peer = *p;
  if (auto p = common::stringLike(v.find(dir.groupField)))
    r.peerKind = "SecurityGroupId", r.peer = *p;
  if (auto p = common::stringLike(v.find(dir.prefixListField)))
    r.peerKind = "PrefixListId", r.peer = *p;
  r.description = common::stringLike(v.find("Description")).value_or("");
  return r;
}

Value valueOf(const Rule& r, const Direction& dir) {
  Value v = Value::object();
  v["IpProtocol"] = Value(r.protocol);
  if (r.protocol != "-1") {
    v["FromPort"] = Value(r.from);
    v["ToPort"] = Value(r.to);
  }
  const std::string field = r.peerKind == "SecurityGroupId" ? dir.groupField
                            : r.peerKind == "PrefixListId"  ? dir.prefixListField
                                                            : r.peerKind;
  v[field] = Value(r.peer);
  if (!r.description.empty()) v["Description"] = Value(r.description);
  return v;
}

std::set<Rule> ruleSet(const Value* list, const Direction& dir) {
  std::set<Rule> out;
  if (list && list->isArray())
    for (const auto& v : list->asArray())
      out.insert(ruleOf(v, dir));
  return out;
}

std::set<Rule> liveRules(pugi::xml_node group, const Direction& dir) {
  // (element of the peer list, element of the peer, Rule::peerKind)
  static constexpr std::tuple<const char*, const char*, const char*> kPeers[] = {
      {"ipRanges", "cidrIp", "CidrIp"},
      {"ipv6Ranges", "cidrIpv6", "CidrIpv6"},
      {"groups", "groupId", "SecurityGroupId"},
      {"prefixListIds", "prefixListId", "PrefixListId"}};
  std::set<Rule> out;
  for (pugi::xml_node perm : items(group, dir.element)) {
    Rule base;
    base.protocol = protocolName(text(perm, "ipProtocol"));
    if (base.protocol != "-1") {
      base.from = perm.child("fromPort").text().as_llong(-1);
      base.to = perm.child("toPort").text().as_llong(-1);
    }
    for (auto [list, field, kind] : kPeers)
      for (pugi::xml_node peer : items(perm, list)) {
        Rule r = base;
        r.peerKind = kind;
        r.peer = text(peer, field);
        r.description = text(peer, "description");
        out.insert(std::move(r));
      }
  }
  return out;
}

Value ruleList(const std::set<Rule>& rules, const Direction& dir) {
  Value out = Value::array();
  for (const auto& r : rules)
    out.push(valueOf(r, dir));
  return out;
}

void addPermissionParams(aws::Params& p, const std::vector<Rule>& rules) {
  int n = 1;
  for (const auto& r : rules) {
    const std::string perm = "IpPermissions." + std::to_string(n++);
    p.emplace_back(perm + ".IpProtocol", r.protocol);
    if (r.protocol != "-1") {
      p.emplace_back(perm + ".FromPort", std::to_string(r.from));
      p.emplace_back(perm + ".ToPort", std::to_string(r.to));
    }
    // UserIdGroupPairs are "Groups" on the wire.
    const std::string peer = perm + (r.peerKind == "CidrIp"         ? ".IpRanges.1."
                                     : r.peerKind == "CidrIpv6"     ? ".Ipv6Ranges.1."
                                     : r.peerKind == "PrefixListId" ? ".PrefixListIds.1."
                                                                    : ".Groups.1.");
    p.emplace_back(peer + (r.peerKind == "SecurityGroupId"     ? "GroupId"
                           : r.peerKind == "SecurityGroupName" ? "GroupName"
                                                               : r.peerKind),
                   r.peer);
    if (!r.description.empty()) p.emplace_back(peer + "Description", r.description);
  }
}

aws::Params permissionParams(const std::string& groupId, const std::vector<Rule>& rules) {
  aws::Params p{{"GroupId", groupId}};
  addPermissionParams(p, rules);
  return p;
}

}  // namespace driftless::ec2
