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
    o.properties["MapPublicIpOnLaunch"] = boolOf(item, "mapPublicIpOnLaunch");
    o.attributes["SubnetId"] = Value(o.physicalId);
    if (const std::string state = text(item, "state"); state == "pending") o.status = state;
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    for (const char* p : {"VpcId", "CidrBlock", "AvailabilityZone", "AvailabilityZoneId"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    co_return co_await createCall("CreateSubnet", std::move(params), desired, "subnet", "subnetId");
  }

  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    std::optional<bool> map = common::boolLike(desired.properties.find("MapPublicIpOnLaunch"));
    if (!map) co_return Result<void>{};
    if (delta ? !delta->differentAt("MapPublicIpOnLaunch") : !live && !*map)
      co_return Result<void>{};  // a new subnet maps no public IP
    aws::Params p{{"SubnetId", id}, {"MapPublicIpOnLaunch.Value", *map ? "true" : "false"}};
    const std::string what = label(id);
    auto r = co_await ec2("ModifySubnetAttribute", std::move(p), what);
    if (!r) co_return fail(r.error());
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

std::unique_ptr<Provider> makeEgressOnlyInternetGatewayProvider(const ProviderContext& ctx) {
  return std::make_unique<EgressOnlyInternetGatewayProvider>(ctx);
}

std::unique_ptr<Provider> makeSubnetProvider(const ProviderContext& ctx) {
  return std::make_unique<SubnetProvider>(ctx);
}

std::unique_ptr<Provider> makeInternetGatewayProvider(const ProviderContext& ctx) {
  return std::make_unique<InternetGatewayProvider>(ctx);
}

std::unique_ptr<Provider> makeRouteTableProvider(const ProviderContext& ctx) {
  return std::make_unique<RouteTableProvider>(ctx);
}

}  // namespace driftless::ec2
