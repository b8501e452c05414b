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

  // One default of the VPC: the item of `kind` in the VPC whose `field` is
  // `value` (a group named "default", the ACL marked default), as `attribute`.
  struct Default {
    const Kind* kind;
    const char* filter;
    const char* field;
    const char* value;
    const char* attribute;
  };
  static constexpr Default kDefaults[] = {
      {&kSecurityGroup, "group-name", "groupName", "default", "DefaultSecurityGroup"},
      {&kNetworkAcl, "default", "default", "true", "DefaultNetworkAcl"},
  };

  // GetAtt DefaultSecurityGroup and DefaultNetworkAcl. In a full observation
  // they come from the one read of each kind in every VPC in state (inVpcs,
  // shared with the security group and network ACL types); otherwise, or when
  // that failed, one Describe* each for this VPC.
  Awaitable<Result<void>> readDefaults(Observed& o) {
    common::ObserveBatch* batch = ctx_.observeBatch.get();
    const bool bulk = batch && batch->expects(info_.type, o.physicalId);
    for (const auto& d : kDefaults) {
      std::shared_ptr<const Described> all;
      if (bulk) all = co_await inVpcs(ctx_, *d.kind);
      if (all) {
        for (const auto& [id, item] : all->byId)
          if (text(item, "vpcId") == o.physicalId && text(item, d.field) == d.value)
            o.attributes[d.attribute] = Value(id);
        continue;
      }
      auto r = co_await defaultOf(d, o.physicalId);
      if (!r) co_return fail(r.error());
      if (!r->empty()) o.attributes[d.attribute] = Value(*r);
    }
    co_return Result<void>{};
  }

  // The default `d` of `vpc`: one Describe*; "" when there is none.
  Awaitable<Result<std::string>> defaultOf(const Default& d, const std::string& vpc) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, "vpc-id", vpc);
    addFilter(p, n, d.filter, d.value);
    const std::string what = label(vpc);
    auto r = co_await ec2(d.kind->describeAction, std::move(p), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node item : items(r->result, d.kind->setName))
      co_return text(item, d.kind->idField);
    co_return std::string();
  }
};

}  // namespace

const common::MakeProvider makeVpcProvider = common::make<VpcProvider>;

}  // namespace driftless::ec2
