// AWS::EC2::EIP and AWS::EC2::NatGateway. Both tagged at creation and found
// again by their ownership tags after a crash (providers/ec2/tagged.h). A NAT
// gateway is waited for: create returns once it is available (dependents'
// routes need it), delete once it is deleted (its address and subnet are freed
// only then).
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

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["Domain"] = Value(text(item, "domain"));
    o.attributes["AllocationId"] = Value(o.physicalId);
    o.attributes["PublicIp"] = Value(text(item, "publicIp"));
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("Domain", "vpc");
    co_return co_await createCall("AllocateAddress", std::move(params), desired, nullptr,
                                  "allocationId");
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
    for (pugi::xml_node a : items(item, "natGatewayAddressSet")) {
      if (std::string id = text(a, "allocationId"); !id.empty())
        o.properties["AllocationId"] = Value(id);
      if (std::string ip = text(a, "privateIp"); !ip.empty())
        o.properties["PrivateIpAddress"] = Value(ip);
    }
    o.attributes["NatGatewayId"] = Value(o.physicalId);
    if (const std::string state = text(item, "state"); state == "pending" || state == "deleting")
      o.status = state;
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    for (const char* p : {"SubnetId", "AllocationId", "ConnectivityType", "PrivateIpAddress"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateNatGateway", std::move(params), desired, "natGateway",
                                  "natGatewayId");
  }

  // After create (or adoption): until the gateway is available.
  Awaitable<Result<void>> apply(const Desired&, const std::string& id, const Observed*,
                                const Delta* delta) override {
    if (delta) co_return Result<void>{};  // every property but Tags replaces
    const std::string available = "available";
    co_return co_await waitFor(id, available);
  }

 private:
  // True once the gateway is in `want`; a gateway that failed is an error
  // naming AWS's reason.
  Awaitable<Result<bool>> reached(std::string id, std::string want) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, "nat-gateway-id", id);
    const std::string what = label(id);
    auto r = co_await ec2("DescribeNatGateways", std::move(p), what);
    if (!r) co_return fail(r.error());
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

std::unique_ptr<Provider> makeEipProvider(const ProviderContext& ctx) {
  return std::make_unique<AddressProvider>(ctx);
}

std::unique_ptr<Provider> makeNatGatewayProvider(const ProviderContext& ctx) {
  return std::make_unique<NatGatewayProvider>(ctx);
}

}  // namespace driftless::ec2
