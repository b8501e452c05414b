#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

const Kind kVpc{.noun = "vpc",
                .describeAction = "DescribeVpcs",
                .setName = "vpcSet",
                .idField = "vpcId",
                .idFilter = "vpc-id",
                .resourceType = "vpc",
                .deleteAction = "DeleteVpc",
                .deleteIdParam = "VpcId"};

// The DNS attributes: manifest name, DescribeVpcAttribute's Attribute and its
// answer element, ModifyVpcAttribute's parameter.
struct DnsAttribute {
  const char* property;
  const char* attribute;
  const char* element;
  const char* param;
};
constexpr DnsAttribute kDns[] = {
    {"EnableDnsSupport", "enableDnsSupport", "enableDnsSupport", "EnableDnsSupport.Value"},
    {"EnableDnsHostnames", "enableDnsHostnames", "enableDnsHostnames", "EnableDnsHostnames.Value"},
};

class VpcProvider final : public TaggedProvider {
 public:
  explicit VpcProvider(ProviderContext ctx) : TaggedProvider(std::move(ctx), vpcTypeInfo(), kVpc) {}

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["CidrBlock"] = Value(text(item, "cidrBlock"));
    o.properties["InstanceTenancy"] = Value(text(item, "instanceTenancy"));
    o.attributes["VpcId"] = Value(o.physicalId);
    o.attributes["CidrBlock"] = Value(text(item, "cidrBlock"));
    if (const std::string state = text(item, "state"); state == "pending") o.status = state;
  }

  Awaitable<Result<void>> readMore(const Desired& desired, Observed& o) override {
    for (const auto& a : kDns) {
      if (!desired.properties.find(a.property)) continue;
      aws::Params p{{"VpcId", o.physicalId}, {"Attribute", a.attribute}};
      const std::string what = label(o.physicalId);
      auto r = co_await ec2("DescribeVpcAttribute", std::move(p), what);
      if (!r) co_return fail(r.error());
      o.properties[a.property] = boolOf(r->result.child(a.element), "value");
    }
    co_return co_await readDefaults(o);
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("CidrBlock", desired.properties.find("CidrBlock")->scalarText());
    if (auto t = common::stringLike(desired.properties.find("InstanceTenancy")))
      params.emplace_back("InstanceTenancy", *t);
    const std::string what = desired.id.str();
    auto r = co_await ec2("CreateVpc", std::move(params), what);
    if (!r) co_return fail(r.error());
    std::string id = text(r->result.child("vpc"), "vpcId");
    if (id.empty()) co_return fail(ErrorKind::Fatal, "ec2:CreateVpc: no vpcId in the response");
    co_return id;
  }

  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    for (const auto& a : kDns) {
      std::optional<bool> want = common::boolLike(desired.properties.find(a.property));
      if (!want) continue;
      if (delta ? !delta->differentAt(a.property) : !live && want == defaultOf(a)) continue;
      aws::Params p{{"VpcId", id}, {a.param, *want ? "true" : "false"}};
      const std::string what = label(id);
      auto r = co_await ec2("ModifyVpcAttribute", std::move(p), what);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

 private:
  // AWS's values for a new VPC: DNS support on, DNS hostnames off.
  static bool defaultOf(const DnsAttribute& a) {
    return std::string_view(a.property) == "EnableDnsSupport";
  }

  // GetAtt DefaultSecurityGroup and DefaultNetworkAcl: the VPC's default group and ACL.
  Awaitable<Result<void>> readDefaults(Observed& o) {
    const std::string what = label(o.physicalId);
    aws::Params sg;
    int n = 1;
    addFilter(sg, n, "vpc-id", o.physicalId);
    addFilter(sg, n, "group-name", "default");
    auto groups = co_await ec2("DescribeSecurityGroups", std::move(sg), what);
    if (!groups) co_return fail(groups.error());
    for (pugi::xml_node g : items(groups->result, "securityGroupInfo"))
      o.attributes["DefaultSecurityGroup"] = Value(text(g, "groupId"));
    aws::Params acl;
    n = 1;
    addFilter(acl, n, "vpc-id", o.physicalId);
    addFilter(acl, n, "default", "true");
    auto acls = co_await ec2("DescribeNetworkAcls", std::move(acl), what);
    if (!acls) co_return fail(acls.error());
    for (pugi::xml_node a : items(acls->result, "networkAclSet"))
      o.attributes["DefaultNetworkAcl"] = Value(text(a, "networkAclId"));
    co_return Result<void>{};
  }
};

}  // namespace

std::unique_ptr<Provider> makeVpcProvider(const ProviderContext& ctx) {
  return std::make_unique<VpcProvider>(ctx);
}

}  // namespace driftless::ec2
