// The EC2 types that join two resources and carry no tags of their own: a
// gateway attachment, a route, a route table association. Their identity is
// what they join; a create that finds the identical join live (a create
// interrupted before its id reached state) adopts it instead of failing.
#include "providers/common/errors.h"
#include "providers/ec2/join.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

// ---- AWS::EC2::VPCGatewayAttachment -------------------------------------------

// The gateway an attachment joins to its VPC: an internet gateway or a
// virtual private gateway, with the calls and answer elements of its kind.
struct Gateway {
  const char* property;        // "InternetGatewayId"
  const char* describeAction;  // "DescribeInternetGateways"
  const char* filter;          // "internet-gateway-id"
  const char* set;             // "internetGatewaySet"
  const char* attachments;     // "attachmentSet"
  const char* attach;          // "AttachInternetGateway"
  const char* detach;          // "DetachInternetGateway"
  const char* type;            // the AttachmentType attribute and the id's prefix
  const char* notAttached;     // the detach's answer when nothing is attached
};
constexpr Gateway kInternet{
    "InternetGatewayId",  "DescribeInternetGateways", "internet-gateway-id",   "internetGatewaySet",
    "attachmentSet",      "AttachInternetGateway",    "DetachInternetGateway", "IGW",
    "Gateway.NotAttached"};
constexpr Gateway kVpn{"VpnGatewayId",
                       "DescribeVpnGateways",
                       "vpn-gateway-id",
                       "vpnGatewaySet",
                       "attachments",
                       "AttachVpnGateway",
                       "DetachVpnGateway",
                       "VPN",
                       "InvalidVpnGatewayAttachment.NotFound"};

const Gateway& gatewayOf(const Desired& d) {
  return d.properties.find("VpnGatewayId") ? kVpn : kInternet;
}

class GatewayAttachmentProvider final : public JoinProvider {
 public:
  explicit GatewayAttachmentProvider(ProviderContext ctx)
      : JoinProvider(std::move(ctx), gatewayAttachmentTypeInfo()) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const Gateway& g = gatewayOf(desired);
    const std::string gw = prop(desired, g.property), vpc = prop(desired, "VpcId");
    aws::Params p{{g.property, gw}, {"VpcId", vpc}};
    const std::string what = label(desired);
    auto r = co_await ec2(g.attach, std::move(p), what);
    // Already attached (a create interrupted after AWS acted): adopted when to this VPC.
    if (!r && !common::hasCode(r.error(), {"Resource.AlreadyAssociated"}))
      co_return fail(r.error());
    const std::string id = std::string(g.type) + "|" + vpc;
    auto live = co_await read(desired, id);
    if (!live) co_return live;
    if (!live->exists)
      co_return fail(ErrorKind::Conflict, label(desired) + ": already attached to another VPC");
    co_return live;
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    co_return co_await read(desired, live.physicalId);  // every property replaces
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    if (desired.physicalId.empty() && !live.exists) co_return Result<void>{};
    const Gateway& g = gatewayOf(desired);
    aws::Params p{{g.property, prop(desired, g.property)}, {"VpcId", prop(desired, "VpcId")}};
    const std::string what = label(desired);
    auto r = co_await ec2(g.detach, std::move(p), what);
    if (!r && common::hasCode(r.error(), {g.notAttached})) co_return Result<void>{};
    co_return common::deleted(r);
  }

 protected:
  // Internet gateways are read in bulk (a VPN gateway's attachment, having
  // no InternetGatewayId, is read on its own).
  std::optional<Parent> parentOf() const override {
    return Parent{"AWS::EC2::InternetGateway", &kInternetGateway, "InternetGatewayId"};
  }

  std::optional<Observed> within(const Desired& desired, const std::string& id,
                                 pugi::xml_node gateway) const override {
    const Gateway& g = gatewayOf(desired);
    const std::string vpc = prop(desired, "VpcId");
    for (pugi::xml_node a : items(gateway, g.attachments)) {
      const std::string state = text(a, "state");
      if (text(a, "vpcId") != vpc || state == "detached") continue;
      Observed o = common::found(id);
      o.properties["VpcId"] = Value(vpc);
      o.properties[g.property] = Value(prop(desired, g.property));
      o.attributes["AttachmentType"] = Value(g.type);
      if (state == "attaching" || state == "detaching") o.status = state;
      return o;
    }
    return std::nullopt;
  }

  Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) override {
    const Gateway& g = gatewayOf(desired);
    aws::Params p;
    int n = 1;
    addFilter(p, n, g.filter, prop(desired, g.property));
    const std::string what = label(desired);
    auto r = co_await ec2(g.describeAction, std::move(p), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node item : items(r->result, g.set))
      if (std::optional<Observed> o = within(desired, id, item)) co_return std::move(*o);
    co_return Observed{};
  }

 private:
  static std::string label(const Desired& d) {
    return "attachment of " + prop(d, gatewayOf(d).property) + " to " + prop(d, "VpcId");
  }
};

// ---- AWS::EC2::Route ----------------------------------------------------------

// The destination a route is keyed by: CloudFormation's property, EC2's
// parameter and its answer's element.
struct Destination {
  const char* property;
  const char* element;
};
constexpr Destination kDestinations[] = {
    {"DestinationCidrBlock", "destinationCidrBlock"},
    {"DestinationIpv6CidrBlock", "destinationIpv6CidrBlock"},
    {"DestinationPrefixListId", "destinationPrefixListId"},
};

// CloudFormation's target property -> DescribeRouteTables' element.
std::string targetElement(std::string_view property) {
  std::string e(property);
  e[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(e[0])));
  return property == "VpcEndpointId" ? "gatewayId" : e;  // AWS reports an endpoint as a gateway
}

class RouteProvider final : public JoinProvider {
 public:
  explicit RouteProvider(ProviderContext ctx) : JoinProvider(std::move(ctx), routeTypeInfo()) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    aws::Params p = routeParams(desired);
    const std::string what = label(desired);
    auto r = co_await ec2("CreateRoute", std::move(p), what);
    if (!r && !common::hasCode(r.error(), {"RouteAlreadyExists"})) co_return fail(r.error());
    const std::string id = idOf(desired);
    auto live = co_await read(desired, id);
    if (!live) co_return live;
    // An existing route is ours only when it already goes where the manifest says
    // (a create interrupted after AWS acted); another target is someone else's route.
    if (!live->exists || !diff(desired, *live).empty())
      co_return fail(ErrorKind::Conflict, label(desired) +
                                              ": a route to this destination exists "
                                              "with another target");
    co_return live;
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    aws::Params p = routeParams(desired);
    const std::string what = label(desired);
    auto r = co_await ec2("ReplaceRoute", std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return co_await read(desired, live.physicalId);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    if (desired.physicalId.empty() && !live.exists) co_return Result<void>{};
    aws::Params p{{"RouteTableId", prop(desired, "RouteTableId")}};
    addDestination(desired, p);
    const std::string what = label(desired);
    auto r = co_await ec2("DeleteRoute", std::move(p), what);
    co_return common::deleted(r);
  }

 protected:
  Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) override {
    const std::string what = label(desired);
    co_return co_await readWithin(desired, id, what);
  }

  std::optional<Parent> parentOf() const override {
    return Parent{"AWS::EC2::RouteTable", &kRouteTable, "RouteTableId"};
  }

  std::optional<Observed> within(const Desired& desired, const std::string& id,
                                 pugi::xml_node table) const override {
    for (pugi::xml_node route : items(table, "routeSet"))
      if (matches(desired, route)) return observed(desired, id, route);
    return std::nullopt;
  }

 private:
  static std::string idOf(const Desired& d) {
    for (const auto& dest : kDestinations)
      if (auto v = common::stringLike(d.properties.find(dest.property)))
        return prop(d, "RouteTableId") + "|" + *v;
    return prop(d, "RouteTableId");
  }
  static std::string label(const Desired& d) { return "route " + idOf(d); }
  static void addDestination(const Desired& d, aws::Params& p) {
    for (const auto& dest : kDestinations)
      if (auto v = common::stringLike(d.properties.find(dest.property)))
        p.emplace_back(dest.property, *v);
  }
  static aws::Params routeParams(const Desired& d) {
    aws::Params p{{"RouteTableId", prop(d, "RouteTableId")}};
    addDestination(d, p);
    for (const char* target : kRouteTargets)
      if (auto v = common::stringLike(d.properties.find(target))) p.emplace_back(target, *v);
    return p;
  }
  static bool matches(const Desired& d, pugi::xml_node route) {
    for (const auto& dest : kDestinations)
      if (auto v = common::stringLike(d.properties.find(dest.property)))
        return text(route, dest.element) == *v;
    return false;
  }
  static Observed observed(const Desired& d, const std::string& id, pugi::xml_node route) {
    Observed o = common::found(id);
    o.properties["RouteTableId"] = Value(prop(d, "RouteTableId"));
    for (const auto& dest : kDestinations)
      if (std::string v = text(route, dest.element); !v.empty()) o.properties[dest.property] = v;
    for (const char* target : kRouteTargets) {
      std::string v = text(route, targetElement(target).c_str());
      if (std::string_view(target) == "VpcEndpointId" && !v.starts_with("vpce-")) continue;
      if (std::string_view(target) == "GatewayId" && v.starts_with("vpce-")) continue;
      if (!v.empty()) o.properties[target] = Value(v);
    }
    o.attributes["CidrBlock"] = Value(text(route, "destinationCidrBlock"));
    return o;
  }
};

// ---- AWS::EC2::SubnetRouteTableAssociation ------------------------------------

class AssociationProvider final : public JoinProvider {
 public:
  explicit AssociationProvider(ProviderContext ctx)
      : JoinProvider(std::move(ctx), subnetRouteTableAssociationTypeInfo()) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string subnet = prop(desired, "SubnetId");
    aws::Params p{{"SubnetId", subnet}, {"RouteTableId", prop(desired, "RouteTableId")}};
    const std::string what = label(subnet);
    auto r = co_await ec2("AssociateRouteTable", std::move(p), what);
    if (r) {
      const std::string id = text(r->result, "associationId");
      co_return co_await read(desired, id);
    }
    if (!common::hasCode(r.error(), {"Resource.AlreadyAssociated"})) co_return fail(r.error());
    // The subnet is associated already: adopted when with this route table (a
    // create interrupted after AWS acted).
    auto live = co_await bySubnet(desired);
    if (!live) co_return live;
    if (!live->exists || !diff(desired, *live).empty())
      co_return fail(ErrorKind::Conflict,
                     label(subnet) + ": the subnet is associated with another route table");
    co_return live;
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    aws::Params p{{"AssociationId", live.physicalId},
                  {"RouteTableId", prop(desired, "RouteTableId")}};
    const std::string what = label(live.physicalId);
    auto r = co_await ec2("ReplaceRouteTableAssociation", std::move(p), what);
    if (!r) co_return fail(r.error());
    const std::string id = text(r->result, "newAssociationId");
    co_return co_await read(desired, id);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (id.empty()) co_return Result<void>{};
    aws::Params p{{"AssociationId", id}};
    const std::string what = label(id);
    auto r = co_await ec2("DisassociateRouteTable", std::move(p), what);
    co_return common::deleted(r);
  }

 protected:
  Awaitable<Result<Observed>> read(const Desired&, const std::string& id) override {
    std::function<bool(pugi::xml_node)> pick = [id](pugi::xml_node a) {
      return text(a, "routeTableAssociationId") == id;
    };
    co_return co_await find("association.route-table-association-id", id, std::move(pick));
  }

 private:
  static std::string label(const std::string& id) { return "route table association " + id; }

  Awaitable<Result<Observed>> bySubnet(const Desired& desired) {
    const std::string subnet = prop(desired, "SubnetId");
    std::function<bool(pugi::xml_node)> pick = [subnet](pugi::xml_node a) {
      return text(a, "subnetId") == subnet;
    };
    co_return co_await find("association.subnet-id", subnet, std::move(pick));
  }

  // The association the filter `name`=`value` finds and `pick` accepts.
  Awaitable<Result<Observed>> find(const char* name, const std::string& value,
                                   std::function<bool(pugi::xml_node)> pick) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, name, value);
    const std::string what = label(value);
    auto r = co_await ec2("DescribeRouteTables", std::move(p), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node t : items(r->result, "routeTableSet"))
      for (pugi::xml_node a : items(t, "associationSet"))
        if (pick(a)) co_return observed(a);
    co_return Observed{};
  }

  std::optional<Parent> parentOf() const override {
    return Parent{"AWS::EC2::RouteTable", &kRouteTable, "RouteTableId"};
  }

  std::optional<Observed> within(const Desired&, const std::string& id,
                                 pugi::xml_node table) const override {
    for (pugi::xml_node a : items(table, "associationSet"))
      if (text(a, "routeTableAssociationId") == id) return observed(a);
    return std::nullopt;
  }

  static Observed observed(pugi::xml_node a) {
    Observed o = common::found(text(a, "routeTableAssociationId"));
    o.properties["SubnetId"] = Value(text(a, "subnetId"));
    o.properties["RouteTableId"] = Value(text(a, "routeTableId"));
    o.attributes["Id"] = Value(o.physicalId);
    return o;
  }
};

}  // namespace

const common::MakeProvider makeGatewayAttachmentProvider = common::make<GatewayAttachmentProvider>;
const common::MakeProvider makeRouteProvider = common::make<RouteProvider>;
const common::MakeProvider makeSubnetRouteTableAssociationProvider =
    common::make<AssociationProvider>;

}  // namespace driftless::ec2
