#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

const Kind kRouteTable{.noun = "route table",
                       .describeAction = "DescribeRouteTables",
                       .setName = "routeTableSet",
                       .idField = "routeTableId",
                       .idFilter = "route-table-id",
                       .resourceType = "route-table",
                       .deleteAction = "DeleteRouteTable",
                       .deleteIdParam = "RouteTableId"};

const Kind kInternetGateway{.noun = "internet gateway",
                            .describeAction = "DescribeInternetGateways",
                            .setName = "internetGatewaySet",
                            .idField = "internetGatewayId",
                            .idFilter = "internet-gateway-id",
                            .resourceType = "internet-gateway",
                            .deleteAction = "DeleteInternetGateway",
                            .deleteIdParam = "InternetGatewayId"};

namespace {

const Kind kSubnet{.noun = "subnet",
                   .describeAction = "DescribeSubnets",
                   .setName = "subnetSet",
                   .idField = "subnetId",
                   .idFilter = "subnet-id",
                   .resourceType = "subnet",
                   .deleteAction = "DeleteSubnet",
                   .deleteIdParam = "SubnetId"};

// A subnet attribute ModifySubnetAttribute sets, one a call: the property
// (a field of PrivateDnsNameOptionsOnLaunch when `field` is set), the
// Describe element, the parameter, and whether it is a boolean (sent as
// `param`.Value) rather than a string; `fallback` is AWS's value for a new subnet.
struct SubnetAttribute {
  const char* property;
  const char* field;
  const char* element;
  const char* param;
  bool isBool;
  const char* fallback;
};
constexpr SubnetAttribute kSubnetAttributes[] = {
    {"MapPublicIpOnLaunch", nullptr, "mapPublicIpOnLaunch", "MapPublicIpOnLaunch", true, "false"},
    {"AssignIpv6AddressOnCreation", nullptr, "assignIpv6AddressOnCreation",
     "AssignIpv6AddressOnCreation", true, "false"},
    {"EnableDns64", nullptr, "enableDns64", "EnableDns64", true, "false"},
    {"PrivateDnsNameOptionsOnLaunch", "HostnameType", "hostnameType",
     "PrivateDnsHostnameTypeOnLaunch", false, ""},
    {"PrivateDnsNameOptionsOnLaunch", "EnableResourceNameDnsARecord",
     "enableResourceNameDnsARecord", "EnableResourceNameDnsARecordOnLaunch", true, "false"},
    {"PrivateDnsNameOptionsOnLaunch", "EnableResourceNameDnsAAAARecord",
     "enableResourceNameDnsAAAARecord", "EnableResourceNameDnsAAAARecordOnLaunch", true, "false"},
};

// `a`'s value in `props` (a manifest's or a live subnet's), as text.
std::optional<std::string> attributeText(const Properties& props, const SubnetAttribute& a) {
  const Value* v = props.find(a.property);
  if (v && a.field) v = v->isObject() ? v->find(a.field) : nullptr;
  if (!v || v->isNull()) return std::nullopt;
  if (a.isBool)
    if (auto b = common::boolLike(v)) return *b ? "true" : "false";
  return v->scalarText();
}

// The subnet's IPv6 block and its association id (empty when none): an
// association not (being) disassociated or failed. (moto answers its state as
// "{'State': 'associated'}" and lists only associated blocks.)
std::pair<std::string, std::string> ipv6Block(pugi::xml_node item) {
  for (pugi::xml_node a : items(item, "ipv6CidrBlockAssociationSet")) {
    const std::string state = text(a.child("ipv6CidrBlockState"), "state");
    if (!state.starts_with("disassociat") && !state.starts_with("fail"))
      return {text(a, "ipv6CidrBlock"), text(a, "associationId")};
  }
  return {};
}

class SubnetProvider final : public TaggedProvider {
 public:
  explicit SubnetProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), subnetTypeInfo(), kSubnet) {}

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    for (auto [property, element] : {std::pair{"VpcId", "vpcId"},
                                     {"CidrBlock", "cidrBlock"},
                                     {"AvailabilityZone", "availabilityZone"},
                                     {"AvailabilityZoneId", "availabilityZoneId"}}) {
      o.properties[property] = Value(text(item, element));
      o.attributes[property] = Value(text(item, element));
    }
    o.properties["Ipv6Native"] = boolOf(item, "ipv6Native");
    if (auto [block, association] = ipv6Block(item); !block.empty())
      o.properties["Ipv6CidrBlock"] = Value(block);
    pugi::xml_node dns = item.child("privateDnsNameOptionsOnLaunch");
    for (const auto& a : kSubnetAttributes) {
      pugi::xml_node from = a.field ? dns : item;
      if (!from.child(a.element)) continue;  // not reported: compared with nothing
      Value v = a.isBool ? boolOf(from, a.element) : Value(text(from, a.element));
      if (!a.field) {
        o.properties[a.property] = std::move(v);
        continue;
      }
      if (!o.properties.find(a.property)) o.properties[a.property] = Value::object();
      o.properties[a.property][a.field] = std::move(v);
    }
    o.attributes["SubnetId"] = Value(o.physicalId);
    if (const std::string state = text(item, "state"); state == "pending") o.status = state;
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    for (const char* p :
         {"VpcId", "CidrBlock", "AvailabilityZone", "AvailabilityZoneId", "Ipv6CidrBlock"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    if (common::boolLike(desired.properties.find("Ipv6Native")).value_or(false))
      params.emplace_back("Ipv6Native", "true");
    co_return co_await createCall("CreateSubnet", std::move(params), desired, "subnet", "subnetId");
  }

  // The IPv6 block first (AssignIpv6AddressOnCreation needs one), then one
  // ModifySubnetAttribute per attribute to change: after create, those the
  // manifest sets to other than a new subnet's; on update, those `delta` touches.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    if (delta && delta->differentAt("Ipv6CidrBlock")) {
      auto block = co_await replaceIpv6Block(desired, id);
      if (!block) co_return fail(block.error());
    }
    const std::string what = label(id);
    for (const auto& a : kSubnetAttributes) {
      std::optional<std::string> want = attributeText(desired.properties, a);
      if (!want) continue;
      const std::string path = a.field ? std::string(a.property) + "." + a.field : a.property;
      if (delta ? !delta->differentAt(path)
                : (live ? attributeText(live->properties, a) == want : *want == a.fallback))
        continue;
      aws::Params p{{"SubnetId", id}};
      p.emplace_back(a.isBool ? std::string(a.param) + ".Value" : std::string(a.param), *want);
      auto r = co_await ec2("ModifySubnetAttribute", std::move(p), what);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

 private:
  // Disassociates the subnet's IPv6 block (read afresh: its association id)
  // and associates the manifest's.
  Awaitable<Result<void>> replaceIpv6Block(const Desired& desired, const std::string& id) {
    aws::Params q;
    int n = 1;
    addFilter(q, n, "subnet-id", id);
    const std::string what = label(id);
    auto now = co_await ec2("DescribeSubnets", std::move(q), what);
    if (!now) co_return fail(now.error());
    for (pugi::xml_node item : items(now->result, "subnetSet")) {
      const std::string association = ipv6Block(item).second;
      if (association.empty()) continue;
      aws::Params p{{"AssociationId", association}};
      auto r = co_await ec2("DisassociateSubnetCidrBlock", std::move(p), what);
      if (!r) co_return fail(r.error());
    }
    if (auto block = common::stringLike(desired.properties.find("Ipv6CidrBlock"))) {
      aws::Params p{{"SubnetId", id}, {"Ipv6CidrBlock", *block}};
      auto r = co_await ec2("AssociateSubnetCidrBlock", std::move(p), what);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }
};

class InternetGatewayProvider final : public TaggedProvider {
 public:
  explicit InternetGatewayProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), internetGatewayTypeInfo(), kInternetGateway) {}

 protected:
  void read(pugi::xml_node, Observed& o) const override {
    o.attributes["InternetGatewayId"] = Value(o.physicalId);
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    co_return co_await createCall("CreateInternetGateway", std::move(params), desired,
                                  "internetGateway", "internetGatewayId");
  }
};

class RouteTableProvider final : public TaggedProvider {
 public:
  explicit RouteTableProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), routeTableTypeInfo(), kRouteTable) {}

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["VpcId"] = Value(text(item, "vpcId"));
    o.attributes["RouteTableId"] = Value(o.physicalId);
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("VpcId", desired.properties.find("VpcId")->scalarText());
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateRouteTable", std::move(params), desired, "routeTable",
                                  "routeTableId");
  }
};

const Kind kEgressOnly{.noun = "egress-only internet gateway",
                       .describeAction = "DescribeEgressOnlyInternetGateways",
                       .setName = "egressOnlyInternetGatewaySet",
                       .idField = "egressOnlyInternetGatewayId",
                       .idFilter = "egress-only-internet-gateway-id",
                       .resourceType = "egress-only-internet-gateway",
                       .deleteAction = "DeleteEgressOnlyInternetGateway",
                       .deleteIdParam = "EgressOnlyInternetGatewayId"};

class EgressOnlyInternetGatewayProvider final : public TaggedProvider {
 public:
  explicit EgressOnlyInternetGatewayProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), egressOnlyInternetGatewayTypeInfo(), kEgressOnly) {}

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    for (pugi::xml_node a : items(item, "attachmentSet"))
      o.properties["VpcId"] = Value(text(a, "vpcId"));
    o.attributes["Id"] = Value(o.physicalId);
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("VpcId", desired.properties.find("VpcId")->scalarText());
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateEgressOnlyInternetGateway", std::move(params), desired,
                                  "egressOnlyInternetGateway", "egressOnlyInternetGatewayId");
  }
};

}  // namespace

const common::MakeProvider makeEgressOnlyInternetGatewayProvider =
    common::make<EgressOnlyInternetGatewayProvider>;
const common::MakeProvider makeSubnetProvider = common::make<SubnetProvider>;
const common::MakeProvider makeInternetGatewayProvider = common::make<InternetGatewayProvider>;
const common::MakeProvider makeRouteTableProvider = common::make<RouteTableProvider>;

}  // namespace driftless::ec2
