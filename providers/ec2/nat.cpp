// AWS::EC2::EIP and AWS::EC2::NatGateway. Both tagged at creation and found
// again by their ownership tags after a crash (providers/ec2/tagged.h). A NAT
// gateway is waited for: create returns once it is available (dependents'
// routes need it), delete once it is deleted (its address and subnet are freed
// only then).
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

const Kind kAddress{.noun = "elastic IP",
                    .describeAction = "DescribeAddresses",
                    .setName = "addressesSet",
                    .idField = "allocationId",
                    .idFilter = "allocation-id",
                    .resourceType = "elastic-ip",
                    .deleteAction = "ReleaseAddress",
                    .deleteIdParam = "AllocationId"};

class AddressProvider final : public TaggedProvider {
 public:
  explicit AddressProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), eipTypeInfo(), kAddress) {}

  // An address the manifest associates with an instance is disassociated
  // first: EC2 releases no address in use.
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (!id.empty() && desired.properties.find("InstanceId")) {
      aws::Params q;
      int n = 1;
      addFilter(q, n, "allocation-id", id);
      const std::string what = label(id);
      auto now = co_await ec2("DescribeAddresses", std::move(q), what);
      if (!now) co_return common::deleted(now);
      for (pugi::xml_node a : items(now->result, "addressesSet"))
        if (std::string association = text(a, "associationId"); !association.empty()) {
          aws::Params p{{"AssociationId", association}};
          auto r = co_await ec2("DisassociateAddress", std::move(p), what);
          if (!r) co_return common::deleted(r);
        }
    }
    co_return co_await TaggedProvider::remove(desired, live);
  }

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    for (auto [property, element] : {std::pair{"Domain", "domain"},
                                     {"Address", "publicIp"},
                                     {"NetworkBorderGroup", "networkBorderGroup"},
                                     {"PublicIpv4Pool", "publicIpv4Pool"},
                                     {"InstanceId", "instanceId"}})
      if (item.child(element)) o.properties[property] = Value(text(item, element));
    o.attributes["AllocationId"] = Value(o.physicalId);
    o.attributes["PublicIp"] = Value(text(item, "publicIp"));
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("Domain", "vpc");
    for (const char* p : {"Address", "NetworkBorderGroup", "PublicIpv4Pool"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    co_return co_await createCall("AllocateAddress", std::move(params), desired, nullptr,
                                  "allocationId");
  }

  // InstanceId: associated after create, re-associated (AllowReassociation)
  // when it differs.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    auto instance = common::stringLike(desired.properties.find("InstanceId"));
    if (!instance) co_return Result<void>{};
    if (delta ? !delta->differentAt("InstanceId")
              : live && common::stringLike(live->properties.find("InstanceId")) == instance)
      co_return Result<void>{};
    aws::Params p{{"AllocationId", id}, {"InstanceId", *instance}, {"AllowReassociation", "true"}};
    const std::string what = label(id);
    auto r = co_await ec2("AssociateAddress", std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }
};

const Kind kNatGateway{.noun = "NAT gateway",
                       .describeAction = "DescribeNatGateways",
                       .setName = "natGatewaySet",
                       .idField = "natGatewayId",
                       .idFilter = "nat-gateway-id",
                       .resourceType = "natgateway",
                       .deleteAction = "DeleteNatGateway",
                       .deleteIdParam = "NatGatewayId"};

// A regional NAT gateway's elastic IPs by zone, as AvailabilityZoneAddresses
// is written: [{AvailabilityZone, AvailabilityZoneId, AllocationIds}], one
// entry per zone in the order EC2 lists them.
Value zoneAddresses(pugi::xml_node item) {
  Value out = Value::array();
  for (pugi::xml_node a : items(item, "natGatewayAddressSet")) {
    const std::string id = text(a, "allocationId"), zone = text(a, "availabilityZone"),
                      zoneId = text(a, "availabilityZoneId");
    if (id.empty() || (zone.empty() && zoneId.empty())) continue;
    Value* entry = nullptr;
    for (auto& e : out.asArray())
      if (e.find("AvailabilityZone")->asString() == zone &&
          e.find("AvailabilityZoneId")->asString() == zoneId)
        entry = &e;
    if (!entry) {
      Value e = Value::object();
      e["AvailabilityZone"] = Value(zone);
      e["AvailabilityZoneId"] = Value(zoneId);
      e["AllocationIds"] = Value::array();
      out.push(std::move(e));
      entry = &out.asArray().back();
    }
    (*entry)["AllocationIds"].push(Value(id));
  }
  return out;
}

// How an AvailabilityZoneAddresses entry names its zone.
const char* zoneKey(const Value& entry) {
  return entry.find("AvailabilityZoneId") ? "AvailabilityZoneId" : "AvailabilityZone";
}

// The entry of `zones` (a live list) for the zone `entry` (a manifest's) names.
const Value* sameZone(const Value* zones, const Value& entry) {
  const char* key = zoneKey(entry);
  if (zones && zones->isArray())
    for (const auto& z : zones->asArray())
      if (const Value* v = z.find(key); v && entry.find(key) && *v == *entry.find(key)) return &z;
  return nullptr;
}

std::vector<std::string> idsIn(const Value* entry) {
  return common::stringsLike(entry ? entry->find("AllocationIds") : nullptr);
}

// The live zones in the manifest's order, and each zone's ids too when they are
// the same set: zones and their addresses compare as sets.
void keepZoneOrder(const Desired& desired, Observed& o) {
  const Value* want = desired.properties.find("AvailabilityZoneAddresses");
  const Value* have = o.properties.find("AvailabilityZoneAddresses");
  if (!want || !want->isArray() || !have) return;
  Value ordered = Value::array();
  std::vector<const Value*> taken;
  for (const auto& w : want->asArray())
    if (const Value* z = sameZone(have, w)) {
      Value entry = *z;
      auto a = idsIn(&w), b = idsIn(z);
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a == b) entry["AllocationIds"] = *w.find("AllocationIds");
      ordered.push(std::move(entry));
      taken.push_back(z);
    }
  for (const auto& z : have->asArray())
    if (std::find(taken.begin(), taken.end(), &z) == taken.end()) ordered.push(z);
  o.properties["AvailabilityZoneAddresses"] = std::move(ordered);
}

class NatGatewayProvider final : public TaggedProvider {
 public:
  explicit NatGatewayProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), natGatewayTypeInfo(), kNatGateway) {}

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    auto r = co_await TaggedProvider::remove(desired, live);
    if (!r || id.empty()) co_return r;
    const std::string deleted = "deleted";
    co_return co_await waitFor(id, deleted);
  }

 protected:
  bool gone(pugi::xml_node item) const override {
    const std::string state = text(item, "state");
    return state == "deleted" || state == "failed";
  }

  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["SubnetId"] = Value(text(item, "subnetId"));
    o.properties["ConnectivityType"] = Value(text(item, "connectivityType"));
    o.properties["VpcId"] = Value(text(item, "vpcId"));
    const std::string mode = text(item, "availabilityMode");
    o.properties["AvailabilityMode"] = Value(mode.empty() ? "zonal" : mode);  // AWS's default
    o.properties["AvailabilityZoneAddresses"] = zoneAddresses(item);
    Value::Array allocations, ips;
    for (pugi::xml_node a : items(item, "natGatewayAddressSet")) {
      const std::string id = text(a, "allocationId"), ip = text(a, "privateIp");
      if (text(a, "isPrimary") == "false") {  // a secondary address
        if (!id.empty()) allocations.emplace_back(id);
        ips.emplace_back(ip);
        continue;
      }
      if (!id.empty()) o.properties["AllocationId"] = Value(id);
      if (!ip.empty()) o.properties["PrivateIpAddress"] = Value(ip);
    }
    o.properties["SecondaryPrivateIpAddressCount"] = Value(static_cast<std::int64_t>(ips.size()));
    o.properties["SecondaryAllocationIds"] = Value(std::move(allocations));
    o.properties["SecondaryPrivateIpAddresses"] = Value(std::move(ips));
    o.attributes["NatGatewayId"] = Value(o.physicalId);
    if (const std::string state = text(item, "state"); state == "pending" || state == "deleting")
      o.status = state;
  }

  // The secondary address lists compared as sets.
  Awaitable<Result<void>> readMore(const Desired& desired, Observed& o) override {
    for (const char* p : {"SecondaryAllocationIds", "SecondaryPrivateIpAddresses"})
      keepDeclaredOrder(desired, o, p);
    keepZoneOrder(desired, o);
    co_return Result<void>{};
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    for (const char* p : {"AvailabilityMode", "SubnetId", "VpcId", "AllocationId",
                          "ConnectivityType", "PrivateIpAddress"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    if (const Value* zones = desired.properties.find("AvailabilityZoneAddresses");
        zones && zones->isArray()) {
      int n = 1;
      for (const auto& z : zones->asArray()) {
        const std::string entry = "AvailabilityZoneAddress." + std::to_string(n++);
        const char* key = zoneKey(z);
        params.emplace_back(entry + "." + key, z.find(key)->scalarText());
        addList(params, entry + ".AllocationId", idsIn(&z));
      }
    }
    if (auto n = common::intLike(desired.properties.find("SecondaryPrivateIpAddressCount")))
      params.emplace_back("SecondaryPrivateIpAddressCount", std::to_string(*n));
    addList(params, "SecondaryAllocationId", listOf(desired.properties, "SecondaryAllocationIds"));
    addList(params, "SecondaryPrivateIpAddress",
            listOf(desired.properties, "SecondaryPrivateIpAddresses"));
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateNatGateway", std::move(params), desired, "natGateway",
                                  "natGatewayId");
  }

  // After create (or adoption): until the gateway is available. On update:
  // the secondary addresses (every other property but Tags replaces).
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    if (delta && live) {
      auto zones = co_await zoneChanges(desired, id, *live, *delta);
      if (!zones) co_return zones;
      co_return co_await secondaries(desired, id, *live, *delta);
    }
    const std::string available = "available";
    co_return co_await waitFor(id, available);
  }

 private:
  static std::vector<std::string> listOf(const Properties& props, const char* property) {
    return common::stringsLike(props.find(property));
  }
  static void addList(aws::Params& p, const std::string& name,
                      const std::vector<std::string>& values) {
    int n = 1;
    for (const auto& v : values)
      p.emplace_back(name + "." + std::to_string(n++), v);
  }

  Awaitable<Result<void>> send(const char* action, aws::Params p, const std::string& what) {
    if (p.size() == 1) co_return Result<void>{};  // nothing but the gateway's id
    auto r = co_await ec2(action, std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // The secondary addresses `delta` touches: elastic IPs associated and
  // disassociated (by their association ids, read afresh), private addresses
  // assigned and unassigned, by address or by count.
  Awaitable<Result<void>> secondaries(const Desired& desired, const std::string& id,
                                      const Observed& live, const Delta& delta) {
    const std::string what = label(id);
    if (delta.differentAt("SecondaryAllocationIds")) {
      const auto want = listOf(desired.properties, "SecondaryAllocationIds");
      const auto have = listOf(live.properties, "SecondaryAllocationIds");
      aws::Params add{{"NatGatewayId", id}}, drop{{"NatGatewayId", id}};
      addList(add, "AllocationId", minus(want, have));
      std::vector<std::string> released = minus(have, want);
      auto ids = co_await associationIds(id, std::move(released));
      if (!ids) co_return fail(ids.error());
      addList(drop, "AssociationId", *ids);
      auto dropped = co_await send("DisassociateNatGatewayAddress", std::move(drop), what);
      if (!dropped) co_return dropped;
      auto added = co_await send("AssociateNatGatewayAddress", std::move(add), what);
      if (!added) co_return added;
    }
    std::vector<std::string> assign, unassign;
    const auto have = listOf(live.properties, "SecondaryPrivateIpAddresses");
    if (delta.differentAt("SecondaryPrivateIpAddresses")) {
      const auto want = listOf(desired.properties, "SecondaryPrivateIpAddresses");
      assign = minus(want, have);
      unassign = minus(have, want);
    }
    aws::Params add{{"NatGatewayId", id}}, drop{{"NatGatewayId", id}};
    addList(add, "PrivateIpAddress", assign);
    if (auto count = common::intLike(desired.properties.find("SecondaryPrivateIpAddressCount"));
        count && delta.differentAt("SecondaryPrivateIpAddressCount")) {
      const auto n = static_cast<std::int64_t>(have.size());
      if (*count > n) add.emplace_back("PrivateIpAddressCount", std::to_string(*count - n));
      for (auto i = *count; i < n; ++i)
        unassign.push_back(have[static_cast<std::size_t>(i)]);
    }
    addList(drop, "PrivateIpAddress", unassign);
    auto dropped = co_await send("UnassignPrivateNatGatewayAddress", std::move(drop), what);
    if (!dropped) co_return dropped;
    co_return co_await send("AssignPrivateNatGatewayAddress", std::move(add), what);
  }

  // DescribeNatGateways of the gateway `id`.
  Awaitable<Result<aws::Xml>> describeGateway(const std::string& id) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, "nat-gateway-id", id);
    const std::string what = label(id);
    co_return co_await ec2("DescribeNatGateways", std::move(p), what);
  }

  // A regional gateway's zone addresses `delta` touches: the elastic IPs no
  // longer listed for their zone disassociated, the new ones associated in theirs.
  Awaitable<Result<void>> zoneChanges(const Desired& desired, const std::string& id,
                                      const Observed& live, const Delta& delta) {
    if (!delta.differentAt("AvailabilityZoneAddresses")) co_return Result<void>{};
    const Value* want = desired.properties.find("AvailabilityZoneAddresses");
    const Value* have = live.properties.find("AvailabilityZoneAddresses");
    std::vector<std::string> gone;
    if (have && have->isArray())
      for (const auto& z : have->asArray()) {
        const Value* w = nullptr;
        if (want && want->isArray())
          for (const auto& candidate : want->asArray())
            if (sameZone(have, candidate) == &z) w = &candidate;
        for (auto& x : minus(idsIn(&z), idsIn(w)))
          gone.push_back(std::move(x));
      }
    const std::string what = label(id);
    auto associations = co_await associationIds(id, std::move(gone));
    if (!associations) co_return fail(associations.error());
    aws::Params drop{{"NatGatewayId", id}};
    addList(drop, "AssociationId", *associations);
    auto dropped = co_await send("DisassociateNatGatewayAddress", std::move(drop), what);
    if (!dropped) co_return dropped;
    if (want && want->isArray())
      for (const auto& w : want->asArray()) {
        const char* key = zoneKey(w);
        aws::Params add{{"NatGatewayId", id}, {key, w.find(key)->scalarText()}};
        addList(add, "AllocationId", minus(idsIn(&w), idsIn(sameZone(have, w))));
        if (add.size() == 2) continue;  // nothing new in this zone
        auto added = co_await send("AssociateNatGatewayAddress", std::move(add), what);
        if (!added) co_return added;
      }
    co_return Result<void>{};
  }

  // The association ids of the gateway's secondary elastic IPs `allocations`.
  Awaitable<Result<std::vector<std::string>>> associationIds(std::string id,
                                                             std::vector<std::string> allocations) {
    std::vector<std::string> out;
    if (allocations.empty()) co_return out;
    auto r = co_await describeGateway(id);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node g : items(r->result, "natGatewaySet"))
      for (pugi::xml_node a : items(g, "natGatewayAddressSet"))
        if (std::find(allocations.begin(), allocations.end(), text(a, "allocationId")) !=
            allocations.end())
          out.push_back(text(a, "associationId"));
    co_return out;
  }

  // True once the gateway is in `want`; a gateway that failed is an error
  // naming AWS's reason.
  Awaitable<Result<bool>> reached(std::string id, std::string want) {
    auto r = co_await describeGateway(id);
    if (!r) co_return fail(r.error());
    const std::string what = label(id);
    std::string state = "deleted";  // not listed any more
    std::string reason;
    for (pugi::xml_node g : items(r->result, "natGatewaySet"))
      if (text(g, "natGatewayId") == id) {
        state = text(g, "state");
        reason = text(g, "failureMessage");
      }
    if (state == "failed" && want != "deleted")
      co_return fail(ErrorKind::Invalid, what + " failed: " + reason);
    co_return state == want || (want == "deleted" && state == "failed");
  }

  Awaitable<Result<void>> waitFor(const std::string& id, const std::string& want) {
    // A named std::function, not a lambda temporary in the co_await (GCC 12).
    std::function<Awaitable<Result<bool>>()> ready = [this, id, want] { return reached(id, want); };
    std::string what = label(id) + " to become " + want;
    co_return co_await common::waitUntil(std::move(ready), std::move(what));
  }
};

}  // namespace

const common::MakeProvider makeEipProvider = common::make<AddressProvider>;
const common::MakeProvider makeNatGatewayProvider = common::make<NatGatewayProvider>;

}  // namespace driftless::ec2
