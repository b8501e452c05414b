// AWS::EC2::SecurityGroupIngress and AWS::EC2::SecurityGroupEgress: one rule
// each, with rule-level identity: the security group rule id (sgr-...) EC2
// assigns, recorded in state. The rule carries the ownership tags from its
// Authorize call (TagSpecifications, resource type security-group-rule), so a
// create interrupted before the state write is found again by its tags
// (providers/ec2/tagged.h). Everything but Description replaces the rule.
// An ingress rule may name its group and its source group by name (a default
// VPC's): the names are read with one DescribeSecurityGroups, only for a rule
// that gives them.
#include "providers/common/errors.h"
#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/sg_rules.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

Kind ruleKind(const Direction& dir) {
  return Kind{.noun = "security group rule",
              .describeAction = "DescribeSecurityGroupRules",
              .setName = "securityGroupRuleSet",
              .idField = "securityGroupRuleId",
              .idFilter = "security-group-rule-id",
              .resourceType = "security-group-rule",
              .deleteAction = dir.revoke,
              .deleteIdParam = "SecurityGroupRuleId.1"};
}

class SecurityGroupRuleProvider final : public TaggedProvider {
 public:
  SecurityGroupRuleProvider(ProviderContext ctx, TypeInfo info, const Direction* dir)
      : TaggedProvider(std::move(ctx), std::move(info), ruleKind(*dir)), dir_(*dir) {}

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (id.empty()) co_return Result<void>{};
    aws::Params p{groupOf(desired), {"SecurityGroupRuleId.1", id}};
    const std::string what = label(id);
    auto r = co_await ec2(dir_.revoke, std::move(p), what);
    co_return common::deleted(r);
  }

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    Rule r;
    r.protocol = protocolName(text(item, "ipProtocol"));
    if (r.protocol != "-1") {
      r.from = item.child("fromPort").text().as_llong(-1);
      r.to = item.child("toPort").text().as_llong(-1);
    }
    for (auto [element, kind] : {std::pair{"cidrIpv4", "CidrIp"},
                                 {"cidrIpv6", "CidrIpv6"},
                                 {"prefixListId", "PrefixListId"}})
      if (std::string v = text(item, element); !v.empty()) r.peerKind = kind, r.peer = v;
    if (std::string g = text(item.child("referencedGroupInfo"), "groupId"); !g.empty())
      r.peerKind = "SecurityGroupId", r.peer = g;
    r.description = text(item, "description");
    o.properties = valueOf(r, dir_);
    o.properties["GroupId"] = Value(text(item, "groupId"));
    if (std::string owner = text(item.child("referencedGroupInfo"), "userId"); !owner.empty())
      o.properties["SourceSecurityGroupOwnerId"] = Value(owner);
    o.attributes["Id"] = Value(o.physicalId);
  }

  // GroupName and SourceSecurityGroupName, when the manifest names them: the
  // groups' names by their ids.
  Awaitable<Result<void>> readMore(const Desired& desired, Observed& o) override {
    static constexpr std::pair<const char*, const char*> kNames[] = {
        {"GroupName", "GroupId"}, {"SourceSecurityGroupName", "SourceSecurityGroupId"}};
    std::vector<std::pair<const char*, std::string>> named;  // property, group id
    for (auto [name, id] : kNames)
      if (desired.properties.find(name))
        if (auto group = common::stringLike(o.properties.find(id)))
          named.emplace_back(name, *group);
    if (named.empty()) co_return Result<void>{};
    aws::Params p;
    int n = 1;
    std::vector<std::string> ids;
    for (const auto& entry : named)
      ids.push_back(entry.second);
    addFilter(p, n, "group-id", ids);
    const std::string what = label(o.physicalId);
    auto r = co_await ec2("DescribeSecurityGroups", std::move(p), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node g : items(r->result, "securityGroupInfo"))
      for (const auto& [name, id] : named)
        if (text(g, "groupId") == id) o.properties[name] = Value(text(g, "groupName"));
    co_return Result<void>{};
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.push_back(groupOf(desired));
    addPermissionParams(params, {ruleFor(desired)});
    if (auto owner = common::stringLike(desired.properties.find("SourceSecurityGroupOwnerId")))
      params.emplace_back("IpPermissions.1.Groups.1.UserId", *owner);
    const std::string what = desired.id.str();
    auto r = co_await ec2(dir_.authorize, std::move(params), what);
    if (!r) co_return fail(r.error());
    auto created = items(r->result, "securityGroupRuleSet");
    std::string id = created.empty() ? "" : text(created.front(), "securityGroupRuleId");
    if (id.empty())
      co_return fail(ErrorKind::Fatal, "ec2:" + std::string(dir_.authorize) +
                                           ": no securityGroupRuleId in the response");
    co_return id;
  }

  // Description is the one property that changes in place.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed*,
                                const Delta* delta) override {
    if (!delta || !delta->differentAt("Description")) co_return Result<void>{};
    aws::Params p{groupOf(desired)};
    addPermissionParams(p, {ruleFor(desired)});
    const std::string what = label(id);
    auto r = co_await ec2(dir_.updateDescriptions, std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  // The rule's group as EC2's calls name it: GroupId, or GroupName.
  static std::pair<std::string, std::string> groupOf(const Desired& d) {
    if (auto name = common::stringLike(d.properties.find("GroupName"))) return {"GroupName", *name};
    return {"GroupId", common::stringLike(d.properties.find("GroupId")).value_or("")};
  }
  // The manifest's rule, its source group by name when SourceSecurityGroupName gives it.
  Rule ruleFor(const Desired& d) const {
    Rule r = ruleOf(d.properties, dir_);
    if (auto name = common::stringLike(d.properties.find("SourceSecurityGroupName")))
      r.peerKind = "SecurityGroupName", r.peer = *name;
    return r;
  }

  const Direction& dir_;
};

}  // namespace

const common::MakeProvider makeSecurityGroupIngressProvider =
    common::make<SecurityGroupRuleProvider, securityGroupIngressTypeInfo, &kIngress>;
const common::MakeProvider makeSecurityGroupEgressProvider =
    common::make<SecurityGroupRuleProvider, securityGroupEgressTypeInfo, &kEgress>;

}  // namespace driftless::ec2
