// The network ACL types: AWS::EC2::NetworkAcl (tagged, providers/ec2/tagged.h),
// AWS::EC2::NetworkAclEntry (one numbered rule of an ACL, identity
// "<acl-id>|<rule number>|ingress|egress") and AWS::EC2::SubnetNetworkAclAssociation
// (a subnet moved to an ACL; deleting it moves the subnet back to its VPC's
// default ACL, as a subnet always has one).
#include <optional>

#include "providers/common/errors.h"
#include "providers/ec2/join.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

// ---- AWS::EC2::NetworkAcl -----------------------------------------------------

// DescribeNetworkAcls by id uses NetworkAclId.N: the emulator lacks the
// network-acl-id filter.
const Kind kNetworkAcl{.noun = "network ACL",
                       .describeAction = "DescribeNetworkAcls",
                       .setName = "networkAclSet",
                       .idField = "networkAclId",
                       .idFilter = "network-acl-id",
                       .resourceType = "network-acl",
                       .deleteAction = "DeleteNetworkAcl",
                       .deleteIdParam = "NetworkAclId",
                       .idParam = "NetworkAclId.1",
                       .inVpc = true};

namespace {

class NetworkAclProvider final : public TaggedProvider {
 public:
  explicit NetworkAclProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), networkAclTypeInfo(), kNetworkAcl) {}

 protected:
  // Only the VPC and tags: the entries are AWS::EC2::NetworkAclEntry resources
  // of their own, and the default entries (rule 32767) are AWS's.
  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["VpcId"] = Value(text(item, "vpcId"));
    o.attributes["Id"] = Value(o.physicalId);
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    params.emplace_back("VpcId", prop(desired, "VpcId"));
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateNetworkAcl", std::move(params), desired, "networkAcl",
                                  "networkAclId");
  }
};

// ---- AWS::EC2::NetworkAclEntry ------------------------------------------------

class NetworkAclEntryProvider final : public JoinProvider {
 public:
  explicit NetworkAclEntryProvider(ProviderContext ctx)
      : JoinProvider(std::move(ctx), networkAclEntryTypeInfo()) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    aws::Params p = entryParams(desired);
    const std::string what = label(desired);
    auto r = co_await ec2("CreateNetworkAclEntry", std::move(p), what);
    if (!r && !common::hasCode(r.error(), {"NetworkAclEntryAlreadyExists"}))
      co_return fail(r.error());
    const std::string id = idOf(desired);
    auto live = co_await read(desired, id);
    if (!live) co_return live;
    // An existing entry of this number is ours only when it already says what the
    // manifest says (a create interrupted after AWS acted).
    if (!live->exists || !diff(desired, *live).empty())
      co_return fail(ErrorKind::Conflict,
                     label(desired) + ": the ACL has another entry with this rule number");
    co_return live;
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    aws::Params p = entryParams(desired);
    const std::string what = label(desired);
    auto r = co_await ec2("ReplaceNetworkAclEntry", std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return co_await read(desired, live.physicalId);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    if (desired.physicalId.empty() && !live.exists) co_return Result<void>{};
    // Read first: an entry already gone is success (the emulator answers a
    // delete of a missing entry with a 500).
    const std::string id = idOf(desired);
    auto now = co_await read(desired, id);
    if (!now) co_return fail(now.error());
    if (!now->exists) co_return Result<void>{};
    aws::Params p{{"NetworkAclId", prop(desired, "NetworkAclId")},
                  {"RuleNumber", number(desired, "RuleNumber")},
                  {"Egress", egress(desired) ? "true" : "false"}};
    const std::string what = label(desired);
    auto r = co_await ec2("DeleteNetworkAclEntry", std::move(p), what);
    co_return common::deleted(r);
  }

 protected:
  // In a full observation the entry is found in its ACL's item of the ACLs'
  // one bulk read.
  std::optional<Parent> parentOf() const override {
    return Parent{"AWS::EC2::NetworkAcl", &kNetworkAcl, "NetworkAclId"};
  }
  std::optional<Observed> within(const Desired& desired, const std::string& id,
                                 pugi::xml_node item) const override {
    const std::string acl = prop(desired, "NetworkAclId");
    const std::string rule = number(desired, "RuleNumber");
    const std::string out = egress(desired) ? "true" : "false";
    if (text(item, "networkAclId") != acl) return std::nullopt;
    for (pugi::xml_node e : items(item, "entrySet"))
      if (text(e, "ruleNumber") == rule && text(e, "egress") == out) return observed(acl, id, e);
    return std::nullopt;
  }
  // On its own: the ACL by id (the ACL gone, the entry is).
  Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) override {
    const std::string what = label(desired);
    co_return co_await readWithin(desired, id, what);
  }

 private:
  static bool egress(const Desired& d) {
    return common::boolLike(d.properties.find("Egress")).value_or(false);
  }
  static std::string idOf(const Desired& d) {
    return prop(d, "NetworkAclId") + "|" + number(d, "RuleNumber") + "|" +
           (egress(d) ? "egress" : "ingress");
  }
  static std::string label(const Desired& d) { return "network ACL entry " + idOf(d); }

  static aws::Params entryParams(const Desired& d) {
    aws::Params p{{"NetworkAclId", prop(d, "NetworkAclId")},
                  {"RuleNumber", number(d, "RuleNumber")},
                  {"Protocol", number(d, "Protocol")},
                  {"RuleAction", prop(d, "RuleAction")},
                  {"Egress", egress(d) ? "true" : "false"}};
    for (const char* c : {"CidrBlock", "Ipv6CidrBlock"})
      if (auto v = common::stringLike(d.properties.find(c))) p.emplace_back(c, *v);
    for (const char* group : {"PortRange", "Icmp"})
      if (const Value* g = d.properties.find(group); g && g->isObject())
        for (const auto& [k, v] : g->asObject())
          p.emplace_back(std::string(group) + "." + k, v.scalarText());
    return p;
  }

  static Observed observed(const std::string& acl, const std::string& id, pugi::xml_node e) {
    Observed o = common::found(id);
    o.properties["NetworkAclId"] = Value(acl);
    o.properties["RuleNumber"] = Value(text(e, "ruleNumber"));
    o.properties["Egress"] = boolOf(e, "egress");
    for (auto [property, element] : {std::pair{"Protocol", "protocol"},
                                     {"RuleAction", "ruleAction"},
                                     {"CidrBlock", "cidrBlock"},
                                     {"Ipv6CidrBlock", "ipv6CidrBlock"}})
      if (std::string v = text(e, element); !v.empty()) o.properties[property] = Value(v);
    if (pugi::xml_node r = e.child("portRange"))
      o.properties["PortRange"] =
          Value(Value::Object{{"From", Value(text(r, "from"))}, {"To", Value(text(r, "to"))}});
    if (pugi::xml_node i = e.child("icmpTypeCode"))
      o.properties["Icmp"] =
          Value(Value::Object{{"Code", Value(text(i, "code"))}, {"Type", Value(text(i, "type"))}});
    o.attributes["Id"] = Value(id);
    return o;
  }
};

// ---- AWS::EC2::SubnetNetworkAclAssociation ------------------------------------

class NetworkAclAssociationProvider final : public JoinProvider {
 public:
  explicit NetworkAclAssociationProvider(ProviderContext ctx)
      : JoinProvider(std::move(ctx), subnetNetworkAclAssociationTypeInfo()) {}

  // A subnet is always associated with one ACL (its VPC's default until told
  // otherwise): creating is replacing the subnet's current association. When
  // it is already with the manifest's ACL (a create interrupted after AWS
  // acted), that association is adopted.
  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string subnet = prop(desired, "SubnetId");
    std::string filter = "association.subnet-id";
    auto current = co_await find(desired, filter, subnet);
    if (!current) co_return current;
    if (!current->exists)
      co_return fail(ErrorKind::NotFound, "subnet " + subnet + ": no network ACL association");
    if (diff(desired, *current).empty()) co_return current;
    const std::string acl = prop(desired, "NetworkAclId");
    co_return co_await replace(desired, current->physicalId, acl);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    const std::string acl = prop(desired, "NetworkAclId");
    co_return co_await replace(desired, live.physicalId, acl);
  }

  // The subnet goes back to its VPC's default ACL; an association already
  // replaced or gone (the subnet deleted) is success.
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    if (id.empty()) co_return Result<void>{};
    std::string filter = "association.association-id";
    aws::Params p;
    int n = 1;
    addFilter(p, n, filter, id);
    const std::string what = label(id);
    auto r = co_await ec2("DescribeNetworkAcls", std::move(p), what);
    if (!r) co_return fail(r.error());
    std::string vpc;
    for (pugi::xml_node acl : items(r->result, "networkAclSet"))
      if (text(acl, "default") != "true") vpc = text(acl, "vpcId");
    if (vpc.empty()) co_return Result<void>{};  // gone, or with the default ACL already
    auto fallback = co_await defaultAcl(vpc, what);
    if (!fallback) co_return fail(fallback.error());
    auto back = co_await replace(desired, id, *fallback);
    if (!back) co_return fail(back.error());
    co_return Result<void>{};
  }

 protected:
  Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) override {
    std::string filter = "association.association-id";
    co_return co_await find(desired, filter, id);
  }

 private:
  static std::string label(const std::string& id) { return "network ACL association " + id; }

  // ReplaceNetworkAclAssociation of `association` to `acl`; the new association as live.
  Awaitable<Result<Observed>> replace(const Desired& desired, const std::string& association,
                                      const std::string& acl) {
    aws::Params p{{"AssociationId", association}, {"NetworkAclId", acl}};
    const std::string what = label(association);
    auto r = co_await ec2("ReplaceNetworkAclAssociation", std::move(p), what);
    if (!r) co_return fail(r.error());
    const std::string id = text(r->result, "newAssociationId");
    co_return co_await read(desired, id);
  }

  // The default ACL of `vpc`.
  Awaitable<Result<std::string>> defaultAcl(const std::string& vpc, const std::string& what) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, "vpc-id", vpc);
    addFilter(p, n, "default", "true");
    auto r = co_await ec2("DescribeNetworkAcls", std::move(p), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node acl : items(r->result, "networkAclSet"))
      co_return text(acl, "networkAclId");
    co_return fail(ErrorKind::NotFound, "vpc " + vpc + ": no default network ACL");
  }

  // The association the filter `name`=`value` finds whose subnet is the manifest's.
  Awaitable<Result<Observed>> find(const Desired& desired, const std::string& name,
                                   const std::string& value) {
    aws::Params p;
    int n = 1;
    addFilter(p, n, name, value);
    const std::string what = label(value), subnet = prop(desired, "SubnetId");
    auto r = co_await ec2("DescribeNetworkAcls", std::move(p), what);
    if (!r) co_return fail(r.error());
    const bool byId = name == "association.association-id";
    for (pugi::xml_node acl : items(r->result, "networkAclSet"))
      if (std::optional<Observed> o = associationIn(acl, subnet, byId ? value : ""))
        co_return std::move(*o);
    co_return Observed{};
  }

  // The association of `subnet` in `acl` (an item of DescribeNetworkAcls),
  // when `id` is set only that one.
  static std::optional<Observed> associationIn(pugi::xml_node acl, const std::string& subnet,
                                               const std::string& id) {
    for (pugi::xml_node a : items(acl, "associationSet")) {
      if (text(a, "subnetId") != subnet) continue;
      if (!id.empty() && text(a, "networkAclAssociationId") != id) continue;
      Observed o = common::found(text(a, "networkAclAssociationId"));
      o.properties["SubnetId"] = Value(subnet);
      o.properties["NetworkAclId"] = Value(text(a, "networkAclId"));
      o.attributes["AssociationId"] = Value(o.physicalId);
      return o;
    }
    return std::nullopt;
  }

 protected:
  // In a full observation the association is found in its ACL's item of the
  // ACLs' one bulk read (one moved by hand to another ACL is read on its own).
  std::optional<Parent> parentOf() const override {
    return Parent{"AWS::EC2::NetworkAcl", &kNetworkAcl, "NetworkAclId"};
  }
  std::optional<Observed> within(const Desired& desired, const std::string& id,
                                 pugi::xml_node item) const override {
    return associationIn(item, prop(desired, "SubnetId"), id);
  }
};

}  // namespace

const common::MakeProvider makeNetworkAclProvider = common::make<NetworkAclProvider>;
const common::MakeProvider makeNetworkAclEntryProvider = common::make<NetworkAclEntryProvider>;
const common::MakeProvider makeSubnetNetworkAclAssociationProvider =
    common::make<NetworkAclAssociationProvider>;

}  // namespace driftless::ec2
