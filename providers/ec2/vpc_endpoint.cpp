// AWS::EC2::VPCEndpoint (gateway or interface): tagged (providers/ec2/tagged.h),
// created with a ClientToken; route tables, subnets and security groups are
// sets changed with one ModifyVpcEndpoint (Add*/Remove*), as are the policy
// and private DNS; delete waits until the endpoint is gone, so its route
// tables, subnets and groups can follow.
#include <algorithm>

#include "providers/common/errors.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

// DescribeVpcEndpoints by id uses VpcEndpointId.N: the emulator lacks the
// vpc-endpoint-id filter.
const Kind kVpcEndpoint{.noun = "VPC endpoint",
                        .describeAction = "DescribeVpcEndpoints",
                        .setName = "vpcEndpointSet",
                        .idField = "vpcEndpointId",
                        .idFilter = "vpc-endpoint-id",
                        .resourceType = "vpc-endpoint",
                        .deleteAction = "DeleteVpcEndpoints",
                        .deleteIdParam = "VpcEndpointId.1",
                        .idParam = "VpcEndpointId.1"};

// A set-valued property: CloudFormation's name, the Describe answer's set and
// the element of each item holding the id ("" = the item's text), and the
// parameter naming one element in CreateVpcEndpoint ("RouteTableId" ->
// RouteTableId.N) and ModifyVpcEndpoint (AddRouteTableId.N / RemoveRouteTableId.N).
struct IdSet {
  const char* property;
  const char* set;
  const char* field;
  const char* param;
};
constexpr IdSet kIdSets[] = {
    {"RouteTableIds", "routeTableIdSet", "", "RouteTableId"},
    {"SubnetIds", "subnetIdSet", "", "SubnetId"},
    {"SecurityGroupIds", "groupSet", "groupId", "SecurityGroupId"},
};

// DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: CloudFormation's value
// and EC2's boolean.
constexpr std::pair<const char*, const char*> kInboundResolver[] = {{"OnlyInboundResolver", "true"},
                                                                    {"AllResolvers", "false"}};

// IpAddressType and DnsOptions as CreateVpcEndpoint and ModifyVpcEndpoint take
// them, those `delta` touches (all the manifest sets when null).
void addAddressing(aws::Params& p, const Properties& desired, const Delta* delta) {
  if (auto type = common::stringLike(desired.find("IpAddressType"));
      type && (!delta || delta->differentAt("IpAddressType")))
    p.emplace_back("IpAddressType", *type);
  const Value* dns = desired.find("DnsOptions");
  if (!dns || !dns->isObject()) return;
  if (auto type = common::stringLike(dns->find("DnsRecordIpType"));
      type && (!delta || delta->differentAt("DnsOptions.DnsRecordIpType")))
    p.emplace_back("DnsOptions.DnsRecordIpType", *type);
  auto only = common::stringLike(dns->find("PrivateDnsOnlyForInboundResolverEndpoint"));
  if (!only ||
      (delta && !delta->differentAt("DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint")))
    return;
  for (auto [cfn, api] : kInboundResolver)
    if (*only == cfn) p.emplace_back("DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint", api);
}

void addList(aws::Params& p, const std::string& name, const std::vector<std::string>& ids) {
  int n = 1;
  for (const auto& id : ids)
    p.emplace_back(name + "." + std::to_string(n++), id);
}

class VpcEndpointProvider final : public TaggedProvider {
 public:
  explicit VpcEndpointProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), vpcEndpointTypeInfo(), kVpcEndpoint) {}

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (id.empty()) co_return Result<void>{};
    aws::Params p{{"VpcEndpointId.1", id}};
    const std::string what = label(id);
    auto r = co_await ec2("DeleteVpcEndpoints", std::move(p), what);
    if (!r) co_return common::deleted(r);
    // A refusal comes back per endpoint in <unsuccessful>, not as an error.
    for (pugi::xml_node u : items(r->result, "unsuccessful")) {
      const std::string code = text(u.child("error"), "code");
      if (code.find("NotFound") != std::string::npos) co_return Result<void>{};
      co_return fail(ErrorKind::Conflict,
                     what + ": " + code + ": " + text(u.child("error"), "message"));
    }
    // A named std::function, not a lambda temporary in the co_await (GCC 12).
    std::function<Awaitable<Result<bool>>()> ready = [this, desired, id] {
      return deletedYet(desired, id);
    };
    std::string waiting = what + " to be deleted";
    co_return co_await common::waitUntil(std::move(ready), std::move(waiting));
  }

 protected:
  bool gone(pugi::xml_node item) const override {
    const std::string state = stateOf(item);
    return state == "deleted" || state == "failed" || state == "rejected" || state == "expired";
  }

  void read(pugi::xml_node item, Observed& o) const override {
    for (auto [property, element] : {std::pair{"VpcId", "vpcId"},
                                     {"ServiceName", "serviceName"},
                                     {"VpcEndpointType", "vpcEndpointType"}})
      o.properties[property] = Value(text(item, element));
    for (const auto& s : kIdSets) {
      Value::Array ids;
      for (pugi::xml_node i : items(item, s.set))
        ids.emplace_back(*s.field ? text(i, s.field) : std::string(i.child_value()));
      o.properties[s.property] = Value(std::move(ids));
    }
    if (std::string policy = text(item, "policyDocument"); !policy.empty())
      o.properties["PolicyDocument"] = Value(policy);
    o.properties["PrivateDnsEnabled"] = boolOf(item, "privateDnsEnabled");
    if (item.child("serviceRegion"))
      o.properties["ServiceRegion"] = Value(text(item, "serviceRegion"));
    if (item.child("ipAddressType"))
      o.properties["IpAddressType"] = Value(text(item, "ipAddressType"));
    if (pugi::xml_node dns = item.child("dnsOptions")) {
      Value options = Value::object();
      options["DnsRecordIpType"] = Value(text(dns, "dnsRecordIpType"));
      options["PrivateDnsOnlyForInboundResolverEndpoint"] = Value("NotSpecified");
      for (auto [cfn, api] : kInboundResolver)
        if (text(dns, "privateDnsOnlyForInboundResolverEndpoint") == api)
          options["PrivateDnsOnlyForInboundResolverEndpoint"] = Value(cfn);
      o.properties["DnsOptions"] = std::move(options);
    }
    o.attributes["Id"] = Value(o.physicalId);
    o.attributes["CreationTimestamp"] = Value(text(item, "creationTimestamp"));
    Value::Array enis, dns;
    for (pugi::xml_node e : items(item, "networkInterfaceIdSet"))
      enis.emplace_back(std::string(e.child_value()));
    for (pugi::xml_node d : items(item, "dnsEntrySet"))
      dns.emplace_back(text(d, "hostedZoneId") + ":" + text(d, "dnsName"));
    o.attributes["NetworkInterfaceIds"] = Value(std::move(enis));
    o.attributes["DnsEntries"] = Value(std::move(dns));
    if (const std::string state = stateOf(item);
        state == "pending" || state == "pendingacceptance" || state == "deleting")
      o.status = state;
  }

  // The sets compared as sets.
  Awaitable<Result<void>> readMore(const Desired& desired, Observed& o) override {
    for (const auto& s : kIdSets)
      keepDeclaredOrder(desired, o, s.property);
    co_return Result<void>{};
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    for (const char* p : {"VpcId", "ServiceName", "VpcEndpointType", "ServiceRegion"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    for (const auto& s : kIdSets)
      addList(params, s.param, common::stringsLike(desired.properties.find(s.property)));
    if (auto policy = policyText(desired)) params.emplace_back("PolicyDocument", *policy);
    if (auto dns = common::boolLike(desired.properties.find("PrivateDnsEnabled")))
      params.emplace_back("PrivateDnsEnabled", *dns ? "true" : "false");
    addAddressing(params, desired.properties, nullptr);
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateVpcEndpoint", std::move(params), desired, "vpcEndpoint",
                                  "vpcEndpointId");
  }

  // On update: one ModifyVpcEndpoint with what the delta touches.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    if (!delta || !live) co_return Result<void>{};  // create sent everything
    aws::Params p{{"VpcEndpointId", id}};
    for (const auto& s : kIdSets) {
      if (!delta->differentAt(s.property)) continue;
      std::vector<std::string> want = common::stringsLike(desired.properties.find(s.property));
      std::vector<std::string> have = common::stringsLike(live->properties.find(s.property));
      addList(p, std::string("Add") + s.param, minus(want, have));
      addList(p, std::string("Remove") + s.param, minus(have, want));
    }
    if (delta->differentAt("PolicyDocument")) {
      if (auto policy = policyText(desired))
        p.emplace_back("PolicyDocument", *policy);
      else
        p.emplace_back("ResetPolicy", "true");
    }
    if (auto dns = common::boolLike(desired.properties.find("PrivateDnsEnabled"));
        dns && delta->differentAt("PrivateDnsEnabled"))
      p.emplace_back("PrivateDnsEnabled", *dns ? "true" : "false");
    addAddressing(p, desired.properties, delta);
    if (p.size() == 1) co_return Result<void>{};  // a tags-only change
    const std::string what = label(id);
    auto r = co_await ec2("ModifyVpcEndpoint", std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  // The endpoint's state, lower-cased (EC2 documents "Available", answers "available").
  static std::string stateOf(pugi::xml_node item) {
    std::string s = text(item, "state");
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  }

  Awaitable<Result<bool>> deletedYet(Desired desired, std::string id) {
    auto now = co_await describe(desired, id);
    if (!now) co_return fail(now.error());
    co_return !now->exists;
  }

  // The policy as the JSON text EC2 takes (a manifest may give an object).
  static std::optional<std::string> policyText(const Desired& d) {
    const Value* v = d.properties.find("PolicyDocument");
    if (!v || v->isNull()) return std::nullopt;
    return v->isString() ? v->asString() : v->toJson();
  }
};

}  // namespace

const common::MakeProvider makeVpcEndpointProvider = common::make<VpcEndpointProvider>;

}  // namespace driftless::ec2
