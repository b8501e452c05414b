#include <map>
#include <memory>

#include "providers/common/observe_batch.h"
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
    co_return co_await createCall("CreateVpc", std::move(params), desired, "vpc", "vpcId");
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

  // One default the VPC's id and `filter`=`value` pick: `field` of the first
  // item of `set` in the answer of `action`, as attribute `attribute`.
  struct Default {
    std::string_view action;
    const char* filter;
    const char* value;
    const char* set;
    const char* field;
    const char* attribute;
  };
  static constexpr Default kDefaults[] = {
      {"DescribeSecurityGroups", "group-name", "default", "securityGroupInfo", "groupId",
       "DefaultSecurityGroup"},
      {"DescribeNetworkAcls", "default", "true", "networkAclSet", "networkAclId",
       "DefaultNetworkAcl"},
  };

  // GetAtt DefaultSecurityGroup and DefaultNetworkAcl: the VPC's default group
  // and ACL. In a full observation, one Describe* each for every VPC in state
  // (common/observe_batch.h); otherwise, or when that failed, for this VPC.
  Awaitable<Result<void>> readDefaults(Observed& o) {
    common::ObserveBatch* batch = ctx_.observeBatch.get();
    const bool bulk = batch && batch->expects(info_.type, o.physicalId) &&
                      batch->ids(info_.type).size() <= kMaxFilterValues;
    for (const auto& d : kDefaults) {
      std::shared_ptr<const DefaultIds> found;
      if (bulk) {
        const std::string key = info_.type + "#" + std::string(d.action);
        const std::vector<std::string>& vpcs = batch->ids(info_.type);
        common::ObserveBatch::Reader reader = [this, &d, &vpcs]() -> Awaitable<Loaded> {
          auto r = co_await defaultsOf(d, vpcs);
          co_return r ? std::make_shared<const DefaultIds>(std::move(*r)) : nullptr;
        };
        found = std::static_pointer_cast<const DefaultIds>(co_await batch->once(key, reader));
      }
      if (!found) {
        const std::vector<std::string> one{o.physicalId};
        auto r = co_await defaultsOf(d, one);
        if (!r) co_return fail(r.error());
        found = std::make_shared<const DefaultIds>(std::move(*r));
      }
      if (auto it = found->find(o.physicalId); it != found->end())
        o.attributes[d.attribute] = Value(it->second);
    }
    co_return Result<void>{};
  }

  using Loaded = common::ObserveBatch::Loaded;
  using DefaultIds = std::map<std::string, std::string>;  // VPC id -> default's id
  static constexpr std::size_t kMaxFilterValues = 200;

  // The default `d` of each of `vpcs` (at most 200): one Describe*.
  Awaitable<Result<DefaultIds>> defaultsOf(const Default& d, const std::vector<std::string>& vpcs) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, "vpc-id", vpcs);
    addFilter(p, n, d.filter, d.value);
    const std::string what = vpcs.size() == 1 ? label(vpcs.front()) : "the vpcs' defaults";
    auto r = co_await ec2(d.action, std::move(p), what);
    if (!r) co_return fail(r.error());
    DefaultIds out;
    for (pugi::xml_node item : items(r->result, d.set))
      out.emplace(text(item, "vpcId"), text(item, d.field));
    co_return out;
  }
};

}  // namespace

std::unique_ptr<Provider> makeVpcProvider(const ProviderContext& ctx) {
  return std::make_unique<VpcProvider>(ctx);
}

}  // namespace driftless::ec2
