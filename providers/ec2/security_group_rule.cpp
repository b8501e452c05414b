// AWS::EC2::SecurityGroupIngress and AWS::EC2::SecurityGroupEgress: one rule
// each, with rule-level identity: the security group rule id (sgr-...) EC2
// assigns, recorded in state. The rule carries the ownership tags from its
// Authorize call (TagSpecifications, resource type security-group-rule), so a
// create interrupted before the state write is found again by its tags
// (providers/ec2/tagged.h). Everything but Description replaces the rule.
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
  SecurityGroupRuleProvider(ProviderContext ctx, TypeInfo info, const Direction& dir)
      : TaggedProvider(std::move(ctx), std::move(info), ruleKind(dir)), dir_(dir) {}

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (id.empty()) co_return Result<void>{};
    aws::Params p{{"GroupId", groupOf(desired)}, {"SecurityGroupRuleId.1", id}};
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
    o.attributes["Id"] = Value(o.physicalId);
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("GroupId", groupOf(desired));
    const std::vector<Rule> rules{ruleOf(desired.properties, dir_)};
    addPermissionParams(params, rules);
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
    aws::Params p = permissionParams(groupOf(desired), {ruleOf(desired.properties, dir_)});
    const std::string what = label(id);
    auto r = co_await ec2(dir_.updateDescriptions, std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  static std::string groupOf(const Desired& d) {
    return common::stringLike(d.properties.find("GroupId")).value_or("");
  }

  const Direction& dir_;
};

}  // namespace

std::unique_ptr<Provider> makeSecurityGroupIngressProvider(const ProviderContext& ctx) {
  return std::make_unique<SecurityGroupRuleProvider>(ctx, securityGroupIngressTypeInfo(), kIngress);
}

std::unique_ptr<Provider> makeSecurityGroupEgressProvider(const ProviderContext& ctx) {
  return std::make_unique<SecurityGroupRuleProvider>(ctx, securityGroupEgressTypeInfo(), kEgress);
}

}  // namespace driftless::ec2
