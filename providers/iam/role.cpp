// AWS::IAM::Role. Inline policies and managed-policy attachments are managed
// as sets: what the manifest lists is put/attached, what it no longer lists is
// deleted/detached, and only the difference is called. Policy documents are
// compared semantically (IAM returns them URL-encoded).
#include <algorithm>
#include <map>
#include <set>

#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/iam/iam_query.h"
#include "providers/iam/policy.h"
#include "providers/iam/role.h"
#include "providers/iam/role_listing.h"
#include "providers/iam/schema.h"

namespace driftless::iam {

namespace {

std::map<std::string, Value> policiesByName(const Value* policies) {
  std::map<std::string, Value> out;
  if (policies && policies->isArray())
    for (const auto& p : policies->asArray())
      if (const Value* n = p.find("PolicyName"))
        out[n->scalarText()] = p.find("PolicyDocument") ? *p.find("PolicyDocument") : Value();
  return out;
}

class RoleProvider final : public common::ProviderBase {
 public:
  explicit RoleProvider(const ProviderContext& ctx)
      : ProviderBase(ctx, roleTypeInfo()), listing_(roleListing(ctx_)) {}

  // In a full observation, from the one GetAccountAuthorizationDetails
  // listing of the account's roles when the cost model chose it and the
  // manifest manages nothing the listing lacks (role_listing.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string n = name(desired);
    auto listed = co_await common::bulkFind(ctx_, listing_, n);
    if (!listed) co_return co_await read(n, desired.properties);
    if (!listed->item) co_return Observed{};  // not in the listing: absent
    if (!listedRoleIsEnough(desired.properties)) co_return co_await read(n, desired.properties);
    co_return listedRole(n, desired.properties, *listed->item);
  }

  Delta diff(const Desired& desired, const Observed& live) const override {
    Properties rest = desired.properties;
    for (const char* k : {"AssumeRolePolicyDocument", "Policies", "ManagedPolicyArns"})
      rest.erase(k);
    Delta d = compareProperties(info_, rest, live.properties);
    const Properties& p = desired.properties;
    if (const Value* doc = p.find("AssumeRolePolicyDocument")) {
      const Value* l = live.properties.find("AssumeRolePolicyDocument");
      if (!l || !samePolicy(*doc, *l))
        d.changes.push_back(
            {"AssumeRolePolicyDocument", *doc, l ? std::optional<Value>(*l) : std::nullopt});
    }
    // One change for the whole set (a policy edited, added or deleted by
    // hand), at "Policies" so reconcile can tell a pushed change from drift
    // by comparing the manifest's list with the last applied one.
    if (const Value* pols = p.find("Policies")) {
      auto want = policiesByName(pols);
      auto have = policiesByName(live.properties.find("Policies"));
      bool same = want.size() == have.size();
      for (const auto& [n, doc] : want) {
        auto it = have.find(n);
        if (it == have.end() || !samePolicy(doc, it->second)) same = false;
      }
      if (!same) {
        const Value* lp = live.properties.find("Policies");
        d.changes.push_back({"Policies", *pols, lp ? std::optional<Value>(*lp) : std::nullopt});
      }
    }
    if (const Value* arns = p.find("ManagedPolicyArns")) {
      auto want = stringSet(arns);
      auto have = stringSet(live.properties.find("ManagedPolicyArns"));
      if (want != have)
        d.changes.push_back({"ManagedPolicyArns", stringList(want), stringList(have)});
    }
    return d;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    aws::Params params{{"RoleName", n}};
    if (const Value* v = p.find("Path")) params.emplace_back("Path", v->scalarText());
    if (const Value* v = p.find("AssumeRolePolicyDocument"))
      params.emplace_back("AssumeRolePolicyDocument", documentText(*v));
    if (const Value* v = p.find("Description")) params.emplace_back("Description", v->scalarText());
    if (auto v = common::intLike(p.find("MaxSessionDuration")))
      params.emplace_back("MaxSessionDuration", std::to_string(*v));
    if (const Value* v = p.find("PermissionsBoundary"))
      params.emplace_back("PermissionsBoundary", v->scalarText());
    addTagParams(params, common::createTags(p.find("Tags"), ctx_.ownershipTags(desired.id)));
    if (auto r = co_await call("CreateRole", std::move(params), n); !r) co_return fail(r.error());
    Observed empty;
    if (auto r = co_await syncPolicies(n, p, empty, true); !r) co_return fail(r.error());
    co_return co_await read(n, p);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    if (delta.differentAt("AssumeRolePolicyDocument"))
      if (const Value* v = p.find("AssumeRolePolicyDocument"))
        if (auto r = co_await call("UpdateAssumeRolePolicy",
                                   kv("RoleName", n, "PolicyDocument", documentText(*v)), n);
            !r)
          co_return fail(r.error());
    if (delta.differentAt("Description") || delta.differentAt("MaxSessionDuration")) {
      aws::Params params{{"RoleName", n}};
      if (const Value* v = p.find("Description"))
        params.emplace_back("Description", v->scalarText());
      if (auto v = common::intLike(p.find("MaxSessionDuration")))
        params.emplace_back("MaxSessionDuration", std::to_string(*v));
      if (auto r = co_await call("UpdateRole", std::move(params), n); !r) co_return fail(r.error());
    }
    if (delta.differentAt("PermissionsBoundary")) {
      if (const Value* v = p.find("PermissionsBoundary")) {
        if (auto r = co_await call("PutRolePermissionsBoundary",
                                   kv("RoleName", n, "PermissionsBoundary", v->scalarText()), n);
            !r)
          co_return fail(r.error());
      } else if (auto r = co_await call("DeleteRolePermissionsBoundary", kv("RoleName", n), n);
                 !r) {
        co_return fail(r.error());
      }
    }
    if (delta.differentAt("Policies") || delta.differentAt("ManagedPolicyArns")) {
      // A list dropped from the manifest altogether still removes what it held.
      bool dropInline = delta.differentAt("Policies") && !p.find("Policies");
      bool dropManaged = delta.differentAt("ManagedPolicyArns") && !p.find("ManagedPolicyArns");
      Observed current = live;
      if (dropInline || dropManaged) {
        Properties all = p;
        all["Policies"] = Value::array();
        all["ManagedPolicyArns"] = Value::array();
        auto fresh = co_await read(n, all);
        if (!fresh) co_return fail(fresh.error());
        current = std::move(*fresh);
      }
      Properties target = p;
      if (dropInline) target["Policies"] = Value::array();
      if (dropManaged) target["ManagedPolicyArns"] = Value::array();
      if (auto r = co_await syncPolicies(n, target, current, false); !r) co_return fail(r.error());
    }
    auto plan = common::tagUpdate(ctx_, desired, live, delta);
    if (!plan.set.empty()) {
      aws::Params params{{"RoleName", n}};
      addTagParams(params, plan.set);
      if (auto r = co_await call("TagRole", std::move(params), n); !r) co_return fail(r.error());
    }
    if (!plan.remove.empty()) {
      aws::Params params{{"RoleName", n}};
      int i = 1;
      for (const auto& k : plan.remove)
        params.emplace_back("TagKeys.member." + std::to_string(i++), k);
      if (auto r = co_await call("UntagRole", std::move(params), n); !r) co_return fail(r.error());
    }
    co_return co_await read(n, p);
  }

  // Detaches every managed policy and deletes every inline policy first: IAM
  // refuses to delete a role that still has them.
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string n = name(desired, live);
    Properties all = Value::object();
    all["Policies"] = Value::array();
    all["ManagedPolicyArns"] = Value::array();
    auto current = co_await read(n, all);
    if (!current) co_return fail(current.error());
    if (!current->exists) co_return Result<void>{};
    Properties none = all;
    if (auto r = co_await syncPolicies(n, none, *current, false); !r) co_return fail(r.error());
    auto r = co_await call("DeleteRole", kv("RoleName", n), n);
    co_return common::deleted(r);
  }

 private:
  static std::string documentText(const Value& doc) {
    return doc.isString() ? doc.asString() : doc.toJson();
  }

  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params,
                                   const std::string& n) {
    co_return co_await iamCall(*ctx_.aws, action, std::move(params), "role " + n);
  }

  // Puts/deletes inline policies and attaches/detaches managed ones so that
  // live matches `target` for each list `target` has; only the difference.
  Awaitable<Result<void>> syncPolicies(const std::string& n, const Properties& target,
                                       const Observed& live, bool creating) {
    if (const Value* pols = target.find("Policies")) {
      auto want = policiesByName(pols);
      auto have = policiesByName(live.properties.find("Policies"));
      for (const auto& [pn, doc] : want) {
        auto it = have.find(pn);
        if (!creating && it != have.end() && samePolicy(doc, it->second)) continue;
        if (auto r = co_await call(
                "PutRolePolicy",
                kv("RoleName", n, "PolicyName", pn, "PolicyDocument", documentText(doc)), n);
            !r)
          co_return fail(r.error());
      }
      for (const auto& [pn, doc] : have)
        if (!want.contains(pn))
          if (auto r = co_await call("DeleteRolePolicy", kv("RoleName", n, "PolicyName", pn), n);
              !r && r.error().kind != ErrorKind::NotFound)
            co_return fail(r.error());
    }
    if (const Value* arns = target.find("ManagedPolicyArns")) {
      auto want = stringSet(arns);
      auto have = stringSet(live.properties.find("ManagedPolicyArns"));
      for (const auto& a : want)
        if (!have.contains(a))
          if (auto r = co_await call("AttachRolePolicy", kv("RoleName", n, "PolicyArn", a), n); !r)
            co_return fail(r.error());
      for (const auto& a : have)
        if (!want.contains(a))
          if (auto r = co_await call("DetachRolePolicy", kv("RoleName", n, "PolicyArn", a), n);
              !r && r.error().kind != ErrorKind::NotFound)
            co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  Awaitable<Result<Observed>> read(const std::string& n, const Properties& desired) {
    Observed o;
    auto r = co_await call("GetRole", kv("RoleName", n), n);
    if (!r) {
      if (r.error().kind == ErrorKind::NotFound) co_return o;
      co_return fail(r.error());
    }
    pugi::xml_node role = r->result.child("Role");
    o.exists = true;
    o.physicalId = n;
    Properties& p = o.properties;
    p["RoleName"] = Value(n);
    p["Path"] = Value(role.child("Path").text().as_string("/"));
    p["AssumeRolePolicyDocument"] =
        policyDocument(role.child("AssumeRolePolicyDocument").text().as_string());
    if (auto d = role.child("Description")) p["Description"] = Value(d.text().as_string());
    if (auto m = role.child("MaxSessionDuration"))
      p["MaxSessionDuration"] = Value(static_cast<std::int64_t>(m.text().as_llong()));
    if (auto b = role.child("PermissionsBoundary").child("PermissionsBoundaryArn"))
      p["PermissionsBoundary"] = Value(b.text().as_string());
    o.attributes["Arn"] = Value(role.child("Arn").text().as_string());
    o.attributes["RoleId"] = Value(role.child("RoleId").text().as_string());

    Value tags = tagsFromXml(role.child("Tags"));
    if (!role.child("Tags")) {
      auto listed = co_await iamPages(
          *ctx_.aws, "ListRoleTags", kv("RoleName", n), "role " + n, [&](pugi::xml_node res) {
            for (Value page = tagsFromXml(res.child("Tags")); auto& t : page.asArray())
              tags.push(t);
          });
      if (!listed) co_return fail(listed.error());
    }
    common::setLiveTags(o, std::move(tags));

    if (desired.find("Policies")) {
      std::vector<std::string> names;
      auto listed = co_await iamPages(*ctx_.aws, "ListRolePolicies", kv("RoleName", n), "role " + n,
                                      [&](pugi::xml_node res) {
                                        for (auto& pn : memberTexts(res.child("PolicyNames")))
                                          names.push_back(pn);
                                      });
      if (!listed) co_return fail(listed.error());
      Value pols = Value::array();
      for (const auto& pn : policyOrder(desired, names)) {
        auto got = co_await call("GetRolePolicy", kv("RoleName", n, "PolicyName", pn), n);
        if (!got) {
          if (got.error().kind == ErrorKind::NotFound) continue;  // deleted meanwhile
          co_return fail(got.error());
        }
        Value e = Value::object();
        e["PolicyName"] = Value(pn);
        e["PolicyDocument"] =
            policyDocument(got->result.child("PolicyDocument").text().as_string());
        pols.push(std::move(e));
      }
      p["Policies"] = std::move(pols);
    }
    if (desired.find("ManagedPolicyArns")) {
      std::set<std::string> arns;
      auto listed = co_await iamPages(
          *ctx_.aws, "ListAttachedRolePolicies", kv("RoleName", n), "role " + n,
          [&](pugi::xml_node res) {
            for (auto& a : memberTexts(res.child("AttachedPolicies"), "PolicyArn"))
              arns.insert(a);
          });
      if (!listed) co_return fail(listed.error());
      p["ManagedPolicyArns"] = stringList(arns);
    }
    co_return o;
  }

  // The live inline policy names in the order observe reports them: the
  // manifest's (by name) first, then any extra ones.
  static std::vector<std::string> policyOrder(const Properties& desired,
                                              const std::vector<std::string>& names) {
    std::vector<std::string> order;
    for (const auto& [pn, doc] : policiesByName(desired.find("Policies")))
      if (std::find(names.begin(), names.end(), pn) != names.end()) order.push_back(pn);
    for (const auto& pn : names)
      if (std::find(order.begin(), order.end(), pn) == order.end()) order.push_back(pn);
    return order;
  }

  // The role from its listed item (role_listing.h): what read() reads with
  // four calls, but Description and MaxSessionDuration.
  static Observed listedRole(const std::string& n, const Properties& desired, const Value& item) {
    auto text = [&item](const char* k) {
      const Value* v = item.find(k);
      return v ? v->scalarText() : std::string();
    };
    Observed o;
    o.exists = true;
    o.physicalId = n;
    Properties& p = o.properties;
    p["RoleName"] = Value(n);
    p["Path"] = Value(text("Path").empty() ? std::string("/") : text("Path"));
    p["AssumeRolePolicyDocument"] = policyDocument(text("AssumeRolePolicyDocument"));
    if (const Value* b = item.find("PermissionsBoundary")) p["PermissionsBoundary"] = *b;
    o.attributes["Arn"] = Value(text("Arn"));
    o.attributes["RoleId"] = Value(text("RoleId"));
    const Value* tags = item.find("Tags");
    common::setLiveTags(o, tags ? *tags : Value::array());
    if (desired.find("Policies")) {
      std::vector<std::string> names;
      std::map<std::string, std::string> documents;
      if (const Value* list = item.find("RolePolicyList"); list && list->isArray())
        for (const auto& e : list->asArray()) {
          const std::string pn = e.find("PolicyName") ? e.find("PolicyName")->scalarText() : "";
          names.push_back(pn);
          documents[pn] = e.find("PolicyDocument") ? e.find("PolicyDocument")->scalarText() : "";
        }
      Value pols = Value::array();
      for (const auto& pn : policyOrder(desired, names)) {
        Value e = Value::object();
        e["PolicyName"] = Value(pn);
        e["PolicyDocument"] = policyDocument(documents[pn]);
        pols.push(std::move(e));
      }
      p["Policies"] = std::move(pols);
    }
    if (desired.find("ManagedPolicyArns"))
      p["ManagedPolicyArns"] = stringList(stringSet(item.find("AttachedManagedPolicies")));
    return o;
  }

  const common::BulkSource listing_;
};

}  // namespace

const common::MakeProvider makeRoleProvider = common::make<RoleProvider>;

}  // namespace driftless::iam
