// AWS::EC2::SecurityGroup: the group (CreateSecurityGroup with the ownership
// tags) and its inline rules, each direction managed as a set when declared.
// AWS groups rules by protocol and ports with several peers; here each rule is
// one (protocol, ports, peer, description), compared as a set, so order and
// grouping never show as drift. A group's default allow-all egress rule is
// AWS's: with SecurityGroupEgress undeclared, egress is not managed (no drift);
// declared, the egress set is exactly the manifest's (the default rule is
// revoked unless listed), as CloudFormation does. A rule added by hand to a
// managed direction is drift, revoked by the update.
#include <set>
#include <tuple>

#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

const Kind kGroup{.noun = "security group",
                  .describeAction = "DescribeSecurityGroups",
                  .setName = "securityGroupInfo",
                  .idField = "groupId",
                  .idFilter = "group-id",
                  .resourceType = "security-group",
                  .deleteAction = "DeleteSecurityGroup",
                  .deleteIdParam = "GroupId"};

// One rule: protocol, ports, one peer, description.
struct Rule {
  std::string protocol;  // "tcp", "udp", "icmp", "icmpv6", "-1" or a number
  std::int64_t from = -1, to = -1;
  std::string peerKind;  // "CidrIp", "CidrIpv6", "SecurityGroupId", "PrefixListId"
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
};
constexpr Direction kIngress{
    "SecurityGroupIngress", "SourceSecurityGroupId",         "SourcePrefixListId",
    "ipPermissions",        "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress"};
constexpr Direction kEgress{"SecurityGroupEgress",          "DestinationSecurityGroupId",
                            "DestinationPrefixListId",      "ipPermissionsEgress",
                            "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupEgress"};

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

// A manifest rule in canonical form.
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

// Back to the manifest's shape (what observe reports).
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

// A DescribeSecurityGroups permission list, one Rule per peer.
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

// IpPermissions.N.* for `rules`.
aws::Params permissionParams(const std::string& groupId, const std::vector<Rule>& rules) {
  aws::Params p{{"GroupId", groupId}};
  int n = 1;
  for (const auto& r : rules) {
    const std::string perm = "IpPermissions." + std::to_string(n++);
    p.emplace_back(perm + ".IpProtocol", r.protocol);
    if (r.protocol != "-1") {
      p.emplace_back(perm + ".FromPort", std::to_string(r.from));
      p.emplace_back(perm + ".ToPort", std::to_string(r.to));
    }
    const std::string peer =
        perm + (r.peerKind == "CidrIp"         ? ".IpRanges.1."
                : r.peerKind == "CidrIpv6"     ? ".Ipv6Ranges.1."
                : r.peerKind == "PrefixListId" ? ".PrefixListIds.1."
                                               : ".Groups.1.");  // UserIdGroupPairs on the wire
    p.emplace_back(peer + (r.peerKind == "SecurityGroupId" ? "GroupId" : r.peerKind), r.peer);
    if (!r.description.empty()) p.emplace_back(peer + "Description", r.description);
  }
  return p;
}

// "<stack>-<logical id>-<random>", as CloudFormation names a group it names.
std::string generatedName(const Desired& d) {
  std::string token = clientToken();
  return (d.id.stack + "-" + d.id.logicalId).substr(0, 200) + "-" + token.substr(token.size() - 12);
}

class SecurityGroupProvider final : public TaggedProvider {
 public:
  explicit SecurityGroupProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), securityGroupTypeInfo(), kGroup) {}

  Delta diff(const Desired& desired, const Observed& live) const override {
    Properties want = desired.properties, have = live.properties;
    for (const auto* dir : {&kIngress, &kEgress}) {
      want.erase(dir->property);
      have.erase(dir->property);
    }
    Delta d = compareProperties(info_, want, have);
    for (const auto* dir : {&kIngress, &kEgress}) {
      const Value* w = desired.properties.find(dir->property);
      if (!w) continue;  // the direction is not managed
      const Value* l = live.properties.find(dir->property);
      std::set<Rule> wanted = ruleSet(w, *dir), found = ruleSet(l, *dir);
      if (wanted != found)
        d.changes.push_back({dir->property, ruleList(wanted, *dir), ruleList(found, *dir)});
    }
    return d;
  }

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["GroupName"] = Value(text(item, "groupName"));
    o.properties["GroupDescription"] = Value(text(item, "groupDescription"));
    o.properties["VpcId"] = Value(text(item, "vpcId"));
    for (const auto* dir : {&kIngress, &kEgress})
      o.properties[dir->property] = ruleList(liveRules(item, *dir), *dir);
    o.attributes["GroupId"] = Value(o.physicalId);
    o.attributes["VpcId"] = Value(text(item, "vpcId"));
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    auto name = common::stringLike(desired.properties.find("GroupName"));
    params.emplace_back("GroupName", name ? *name : generatedName(desired));
    params.emplace_back("GroupDescription",
                        desired.properties.find("GroupDescription")->scalarText());
    if (auto vpc = common::stringLike(desired.properties.find("VpcId")))
      params.emplace_back("VpcId", *vpc);
    const std::string what = desired.id.str();
    auto r = co_await ec2("CreateSecurityGroup", std::move(params), what);
    if (!r) co_return fail(r.error());
    std::string id = text(r->result, "groupId");
    if (id.empty())
      co_return fail(ErrorKind::Fatal, "ec2:CreateSecurityGroup: no groupId in the response");
    co_return id;
  }

  // The declared directions' rules: what the manifest lists and is not live is
  // authorized, what is live and not listed is revoked.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    std::optional<Observed> fresh;
    if (!live) {  // just created: its rules are AWS's defaults
      auto r = co_await describe(desired, id);
      if (!r) co_return fail(r.error());
      fresh = std::move(*r);
      live = &*fresh;
    }
    for (const auto* dir : {&kIngress, &kEgress}) {
      const Value* w = desired.properties.find(dir->property);
      if (!w || (delta && !delta->differentAt(dir->property))) continue;
      const std::set<Rule> wanted = ruleSet(w, *dir);
      const std::set<Rule> found = ruleSet(live->properties.find(dir->property), *dir);
      auto synced = co_await sync(id, *dir, wanted, found);
      if (!synced) co_return fail(synced.error());
    }
    co_return Result<void>{};
  }

 private:
  Awaitable<Result<void>> sync(const std::string& id, const Direction& dir,
                               const std::set<Rule>& wanted, const std::set<Rule>& found) {
    std::vector<Rule> revoke, authorize;
    std::set_difference(found.begin(), found.end(), wanted.begin(), wanted.end(),
                        std::back_inserter(revoke));
    std::set_difference(wanted.begin(), wanted.end(), found.begin(), found.end(),
                        std::back_inserter(authorize));
    const std::string what = label(id);
    if (!revoke.empty()) {
      aws::Params params = permissionParams(id, revoke);
      auto r = co_await ec2(dir.revoke, std::move(params), what);
      if (!r) co_return fail(r.error());
    }
    if (!authorize.empty()) {
      aws::Params params = permissionParams(id, authorize);
      auto r = co_await ec2(dir.authorize, std::move(params), what);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }
};

}  // namespace

std::unique_ptr<Provider> makeSecurityGroupProvider(const ProviderContext& ctx) {
  return std::make_unique<SecurityGroupProvider>(ctx);
}

}  // namespace driftless::ec2
