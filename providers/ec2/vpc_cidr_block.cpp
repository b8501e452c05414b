// AWS::EC2::VPCCidrBlock: one more IPv4 block, or an Amazon-provided IPv6
// block, associated with a VPC. Identity: the association id
// (vpc-cidr-assoc-...), recorded in state. An association carries no tags;
// a create first looks for the same block live on the VPC (a create
// interrupted after AWS acted) and adopts it.
#include "providers/common/errors.h"
#include "providers/ec2/join.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

// A block as DescribeVpcs lists it: in cidrBlockAssociationSet (IPv4) or
// ipv6CidrBlockAssociationSet, its state in <cidrBlockState> or
// <ipv6CidrBlockState>.
struct Family {
  const char* set;
  const char* block;
  const char* state;
};
constexpr Family kIpv4{"cidrBlockAssociationSet", "cidrBlock", "cidrBlockState"};
constexpr Family kIpv6{"ipv6CidrBlockAssociationSet", "ipv6CidrBlock", "ipv6CidrBlockState"};

class VpcCidrBlockProvider final : public JoinProvider {
 public:
  explicit VpcCidrBlockProvider(ProviderContext ctx)
      : JoinProvider(std::move(ctx), vpcCidrBlockTypeInfo()) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string none;
    auto existing = co_await read(desired, none);  // the same block already live: adopted
    if (!existing || existing->exists) co_return existing;
    aws::Params p{{"VpcId", prop(desired, "VpcId")}};
    if (ipv6(desired))
      p.emplace_back("AmazonProvidedIpv6CidrBlock", "true");
    else
      p.emplace_back("CidrBlock", prop(desired, "CidrBlock"));
    const std::string what = label(desired);
    auto r = co_await ec2("AssociateVpcCidrBlock", std::move(p), what);
    if (!r) co_return fail(r.error());
    const char* parent = ipv6(desired) ? "ipv6CidrBlockAssociation" : "cidrBlockAssociation";
    const std::string id = text(r->result.child(parent), "associationId");
    if (id.empty())
      co_return fail(ErrorKind::Fatal,
                     "ec2:AssociateVpcCidrBlock: no associationId in the response");
    co_return co_await read(desired, id);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    co_return co_await read(desired, live.physicalId);  // every property replaces
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (id.empty()) co_return Result<void>{};
    aws::Params p{{"AssociationId", id}};
    const std::string what = "VPC CIDR block association " + id;
    auto r = co_await ec2("DisassociateVpcCidrBlock", std::move(p), what);
    co_return common::deleted(r);
  }

 protected:
  // The association `id` on the manifest's VPC; with `id` empty, the one
  // holding the manifest's block (never the VPC's primary block).
  Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) override {
    const std::string vpc = prop(desired, "VpcId"), what = label(desired);
    aws::Params p{{"VpcId.1", vpc}};
    auto r = co_await ec2("DescribeVpcs", std::move(p), what);
    if (!r && common::isNotFound(r.error())) co_return Observed{};  // the VPC is gone
    if (!r) co_return fail(r.error());
    const Family& f = ipv6(desired) ? kIpv6 : kIpv4;
    for (pugi::xml_node v : items(r->result, "vpcSet"))
      for (pugi::xml_node a : items(v, f.set)) {
        const std::string state = text(a.child(f.state), "state");
        if (state == "disassociated" || state == "failed") continue;
        if (id.empty() ? !sameBlock(desired, v, a, f) : text(a, "associationId") != id) continue;
        Observed o = common::found(text(a, "associationId"));
        o.properties["VpcId"] = Value(vpc);
        if (ipv6(desired))
          o.properties["AmazonProvidedIpv6CidrBlock"] = Value(true);
        else
          o.properties["CidrBlock"] = Value(text(a, f.block));
        o.attributes["Id"] = Value(o.physicalId);
        if (state == "associating" || state == "disassociating") o.status = state;
        co_return o;
      }
    co_return Observed{};
  }

 private:
  static bool ipv6(const Desired& d) {
    return common::boolLike(d.properties.find("AmazonProvidedIpv6CidrBlock")).value_or(false);
  }
  static std::string label(const Desired& d) {
    return "CIDR block " + (ipv6(d) ? std::string("(Amazon IPv6)") : prop(d, "CidrBlock")) +
           " of " + prop(d, "VpcId");
  }
  // The manifest's block: the same IPv4 CIDR (not the VPC's primary one), or an
  // Amazon-provided IPv6 block.
  static bool sameBlock(const Desired& d, pugi::xml_node vpc, pugi::xml_node a, const Family& f) {
    if (ipv6(d)) return text(a, "ipv6Pool") == "Amazon";
    const std::string cidr = text(a, f.block);
    return cidr == prop(d, "CidrBlock") && cidr != text(vpc, "cidrBlock");
  }
};

}  // namespace

const common::MakeProvider makeVpcCidrBlockProvider = common::make<VpcCidrBlockProvider>;

}  // namespace driftless::ec2
