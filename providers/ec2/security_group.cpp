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
#include "providers/ec2/sg_rules.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

const Kind kSecurityGroup{.noun = "security group",
                          .describeAction = "DescribeSecurityGroups",
                          .setName = "securityGroupInfo",
                          .idField = "groupId",
                          .idFilter = "group-id",
                          .resourceType = "security-group",
                          .deleteAction = "DeleteSecurityGroup",
                          .deleteIdParam = "GroupId",
                          .inVpc = true};

namespace {

class SecurityGroupProvider final : public TaggedProvider {
 public:
  explicit SecurityGroupProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), securityGroupTypeInfo(), kSecurityGroup) {}

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
    co_return co_await createCall("CreateSecurityGroup", std::move(params), desired, nullptr,
                                  "groupId");
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

const common::MakeProvider makeSecurityGroupProvider = common::make<SecurityGroupProvider>;

}  // namespace driftless::ec2
