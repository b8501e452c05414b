// AWS::IAM::ManagedPolicy. A document change is a new default version (IAM
// keeps at most 5: the oldest non-default one is deleted first); Roles, Users
// and Groups are attachments managed as sets.
#include <algorithm>
#include <set>

#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/iam/iam_query.h"
#include "providers/iam/managed_policy.h"
#include "providers/iam/managed_policy_listing.h"
#include "providers/iam/policy.h"
#include "providers/iam/schema.h"

namespace driftless::iam {

namespace {

// An entity kind a policy attaches to: the manifest list ("Roles"), its node
// in ListEntitiesForPolicy ("PolicyRoles") and name field ("RoleName"), and
// the attach and detach calls ("AttachRolePolicy", "DetachRolePolicy").
struct EntityKind {
  const char *property, *listNode, *nameField, *attach, *detach;
};
constexpr EntityKind kEntities[] = {
    {"Roles", "PolicyRoles", "RoleName", "AttachRolePolicy", "DetachRolePolicy"},
    {"Users", "PolicyUsers", "UserName", "AttachUserPolicy", "DetachUserPolicy"},
    {"Groups", "PolicyGroups", "GroupName", "AttachGroupPolicy", "DetachGroupPolicy"},
};

class ManagedPolicyProvider final : public common::ProviderBase {
 public:
  explicit ManagedPolicyProvider(const ProviderContext& ctx)
      : ProviderBase(ctx, managedPolicyTypeInfo()), listing_(managedPolicyListing(ctx_)) {}

  // In a full observation, from the one GetAccountAuthorizationDetails
  // listing of the account's customer managed policies when the cost model
  // chose it (managed_policy_listing.h); tags and entities read per policy.
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    auto arn = co_await policyArn(desired.properties, desired.physicalId);
    if (!arn) co_return fail(arn.error());
    auto listed = co_await common::bulkFind(ctx_, listing_, desired.physicalId);
    if (!listed) co_return co_await read(*arn, desired.properties);
    // Absent, or a policy of that name at another path (not this one's ARN).
    const Value* at = listed->item ? listed->item->find("Arn") : nullptr;
    if (!at || at->scalarText() != *arn) co_return Observed{};
    if (!policyUsable(*listed->item)) co_return co_await read(*arn, desired.properties);
    co_return co_await observed(*arn, desired.properties, *listed->item);
  }

  Delta diff(const Desired& desired, const Observed& live) const override {
    Properties rest = desired.properties;
    for (const char* k : {"PolicyDocument", "Roles", "Users", "Groups"})
      rest.erase(k);
    Delta d = compareProperties(info_, rest, live.properties);
    if (const Value* doc = desired.properties.find("PolicyDocument")) {
      const Value* l = live.properties.find("PolicyDocument");
      if (!l || !samePolicy(*doc, *l))
        d.changes.push_back({"PolicyDocument", *doc, l ? std::optional<Value>(*l) : std::nullopt});
    }
    for (const auto& e : kEntities)
      if (const Value* want = desired.properties.find(e.property)) {
        auto w = stringSet(want);
        auto h = stringSet(live.properties.find(e.property));
        if (w != h) d.changes.push_back({e.property, stringList(w), stringList(h)});
      }
    return d;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const Properties& p = desired.properties;
    const std::string n = p.find("ManagedPolicyName") ? p.find("ManagedPolicyName")->scalarText()
                                                      : desired.physicalId;
    aws::Params params{{"PolicyName", n}};
    if (const Value* v = p.find("Path")) params.emplace_back("Path", v->scalarText());
    if (const Value* v = p.find("PolicyDocument"))
      params.emplace_back("PolicyDocument", documentText(*v));
    if (const Value* v = p.find("Description")) params.emplace_back("Description", v->scalarText());
    addTagParams(params, common::createTags(p.find("Tags"), ctx_.ownershipTags(desired.id)));
    auto r = co_await call("CreatePolicy", std::move(params), n);
    if (!r) co_return fail(r.error());
    std::string arn = r->result.child("Policy").child("Arn").text().as_string();
    const Observed nothingAttached;
    if (auto s = co_await syncAttachments(arn, p, nothingAttached); !s) co_return fail(s.error());
    co_return co_await read(arn, p);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const Properties& p = desired.properties;
    const Value* a = live.attributes.find("PolicyArn");
    const std::string arn = a ? a->scalarText() : "";
    if (delta.differentAt("PolicyDocument"))
      if (const Value* doc = p.find("PolicyDocument"))
        if (auto r = co_await newDefaultVersion(arn, *doc); !r) co_return fail(r.error());
    bool attachments = false;
    for (const auto& e : kEntities)
      if (delta.differentAt(e.property)) attachments = true;
    if (attachments)
      if (auto s = co_await syncAttachments(arn, p, live); !s) co_return fail(s.error());
    auto plan = common::tagUpdate(ctx_, desired, live, delta);
    if (!plan.set.empty()) {
      aws::Params params{{"PolicyArn", arn}};
      addTagParams(params, plan.set);
      if (auto r = co_await call("TagPolicy", std::move(params), arn); !r)
        co_return fail(r.error());
    }
    if (!plan.remove.empty()) {
      aws::Params params{{"PolicyArn", arn}};
      int i = 1;
      for (const auto& k : plan.remove)
        params.emplace_back("TagKeys.member." + std::to_string(i++), k);
      if (auto r = co_await call("UntagPolicy", std::move(params), arn); !r)
        co_return fail(r.error());
    }
    co_return co_await read(arn, p);
  }

  // Detaches from every entity and deletes the non-default versions first:
  // IAM refuses to delete a policy that still has either.
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string arn;
    if (const Value* a = live.attributes.find("PolicyArn")) arn = a->scalarText();
    if (arn.empty()) {
      auto computed = co_await policyArn(desired.properties, desired.physicalId);
      if (!computed) co_return fail(computed.error());
      arn = *computed;
    }
    Properties none = Value::object();
    for (const auto& e : kEntities)
      none[e.property] = Value::array();
    auto current = co_await read(arn, none);
    if (!current) co_return fail(current.error());
    if (!current->exists) co_return Result<void>{};
    if (auto s = co_await syncAttachments(arn, none, *current); !s) co_return fail(s.error());
    auto versions = co_await listVersions(arn);
    if (!versions) co_return fail(versions.error());
    for (const auto& v : *versions)
      if (!v.isDefault)
        if (auto r =
                co_await call("DeletePolicyVersion", kv("PolicyArn", arn, "VersionId", v.id), arn);
            !r && r.error().kind != ErrorKind::NotFound)
          co_return fail(r.error());
    auto r = co_await call("DeletePolicy", kv("PolicyArn", arn), arn);
    co_return common::deleted(r);
  }

 private:
  struct Version {
    std::string id;
    bool isDefault = false;
    std::string created;
  };

  static std::string documentText(const Value& doc) {
    return doc.isString() ? doc.asString() : doc.toJson();
  }

  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params,
                                   const std::string& what) {
    co_return co_await iamCall(*ctx_.aws, action, std::move(params), "managed policy " + what);
  }

  // arn:<partition>:iam::<account>:policy<path><name>. The account comes from
  // the context, else once from sts:GetCallerIdentity.
  Awaitable<Result<std::string>> policyArn(const Properties& p, const std::string& physicalId) {
    std::string n =
        p.find("ManagedPolicyName") ? p.find("ManagedPolicyName")->scalarText() : physicalId;
    if (n.starts_with("arn:")) co_return n;
    std::string path = p.find("Path") ? p.find("Path")->scalarText() : "/";
    if (account_.empty()) account_ = ctx_.accountId;
    if (account_.empty()) {
      aws::Params none;
      auto r = co_await ctx_.aws->query("sts", "GetCallerIdentity", std::move(none));
      if (!r)
        co_return fail(
            common::withContext(r.error(), "sts:GetCallerIdentity", "managed policy " + n));
      account_ = r->result.child("Account").text().as_string();
    }
    co_return "arn:" + ctx_.partition + ":iam::" + account_ + ":policy" + path + n;
  }

  Awaitable<Result<std::vector<Version>>> listVersions(const std::string& arn) {
    std::vector<Version> out;
    auto r = co_await iamPages(
        *ctx_.aws, "ListPolicyVersions", kv("PolicyArn", arn), "managed policy " + arn,
        [&](pugi::xml_node res) {
          for (auto m : res.child("Versions").children("member"))
            out.push_back(
                {m.child("VersionId").text().as_string(),
                 std::string_view(m.child("IsDefaultVersion").text().as_string()) == "true",
                 m.child("CreateDate").text().as_string()});
        });
    if (!r) co_return fail(r.error());
    co_return out;
  }

  Awaitable<Result<void>> newDefaultVersion(const std::string& arn, const Value& doc) {
    auto versions = co_await listVersions(arn);
    if (!versions) co_return fail(versions.error());
    if (versions->size() >= 5) {
      // ISO 8601 dates sort as text; ties broken by the version number.
      std::optional<Version> oldest;
      for (const auto& v : *versions) {
        if (v.isDefault) continue;
        auto num = [](const std::string& id) {
          return std::atoi(id.c_str() + (id.empty() ? 0 : 1));
        };
        if (!oldest || v.created < oldest->created ||
            (v.created == oldest->created && num(v.id) < num(oldest->id)))
          oldest = v;
      }
      if (oldest)
        if (auto r = co_await call("DeletePolicyVersion",
                                   kv("PolicyArn", arn, "VersionId", oldest->id), arn);
            !r)
          co_return fail(r.error());
    }
    auto r = co_await call(
        "CreatePolicyVersion",
        kv("PolicyArn", arn, "PolicyDocument", documentText(doc), "SetAsDefault", "true"), arn);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<void>> syncAttachments(const std::string& arn, const Properties& target,
                                          const Observed& live) {
    for (const auto& e : kEntities) {
      const Value* want = target.find(e.property);
      if (!want) continue;
      auto w = stringSet(want);
      auto h = stringSet(live.properties.find(e.property));
      for (const auto& n : w)
        if (!h.contains(n))
          if (auto r = co_await call(e.attach, kv(e.nameField, n, "PolicyArn", arn), arn); !r)
            co_return fail(r.error());
      for (const auto& n : h)
        if (!w.contains(n))
          if (auto r = co_await call(e.detach, kv(e.nameField, n, "PolicyArn", arn), arn);
              !r && r.error().kind != ErrorKind::NotFound)
            co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  Awaitable<Result<Observed>> read(const std::string& arn, const Properties& desired) {
    auto r = co_await call("GetPolicy", kv("PolicyArn", arn), arn);
    if (!r) {
      if (r.error().kind == ErrorKind::NotFound) co_return Observed{};
      co_return fail(r.error());
    }
    Value item = policyItem(r->result.child("Policy"));
    const std::string defaultVersion = item["DefaultVersionId"].scalarText();
    auto ver =
        co_await call("GetPolicyVersion", kv("PolicyArn", arn, "VersionId", defaultVersion), arn);
    if (!ver) co_return fail(ver.error());
    item["Document"] =
        Value(ver->result.child("PolicyVersion").child("Document").text().as_string());
    co_return co_await observed(arn, desired, item);
  }

  // The policy from its item (managed_policy_listing.h), with its tags and,
  // when managed, its entities.
  Awaitable<Result<Observed>> observed(const std::string& arn, const Properties& desired,
                                       const Value& item) {
    auto text = [&item](const char* k) {
      const Value* v = item.find(k);
      return v ? v->scalarText() : std::string();
    };
    Observed o;
    o.exists = true;
    Properties& p = o.properties;
    const std::string n = text("PolicyName");
    o.physicalId = n;
    p["ManagedPolicyName"] = Value(n);
    p["Path"] = Value(text("Path").empty() ? std::string("/") : text("Path"));
    if (const Value* d = item.find("Description")) p["Description"] = *d;
    o.attributes["PolicyArn"] = Value(arn);
    o.attributes["PolicyId"] = Value(text("PolicyId"));
    o.attributes["DefaultVersionId"] = Value(text("DefaultVersionId"));
    for (const char* k : {"AttachmentCount", "IsAttachable"})
      if (const Value* v = item.find(k)) o.attributes[k] = *v;
    o.attributes["CreateDate"] = Value(text("CreateDate"));
    o.attributes["UpdateDate"] = Value(text("UpdateDate"));
    p["PolicyDocument"] = policyDocument(text("Document"));

    Value tags = Value::array();
    auto listed = co_await iamPages(*ctx_.aws, "ListPolicyTags", kv("PolicyArn", arn),
                                    "managed policy " + arn, [&](pugi::xml_node res) {
                                      for (Value page = tagsFromXml(res.child("Tags"));
                                           auto& t : page.asArray())
                                        tags.push(t);
                                    });
    if (!listed) co_return fail(listed.error());
    common::setLiveTags(o, std::move(tags));

    bool entities = false;
    for (const auto& e : kEntities)
      if (desired.find(e.property)) entities = true;
    if (entities) {
      std::map<std::string, std::set<std::string>> found;
      auto ents =
          co_await iamPages(*ctx_.aws, "ListEntitiesForPolicy", kv("PolicyArn", arn),
                            "managed policy " + arn, [&](pugi::xml_node res) {
                              for (const auto& e : kEntities)
                                for (auto& name : memberTexts(res.child(e.listNode), e.nameField))
                                  found[e.property].insert(name);
                            });
      if (!ents) co_return fail(ents.error());
      for (const auto& e : kEntities)
        if (desired.find(e.property)) p[e.property] = stringList(found[e.property]);
    }
    co_return o;
  }

  std::string account_;
  const common::BulkSource listing_;
};

}  // namespace

const common::MakeProvider makeManagedPolicyProvider = common::make<ManagedPolicyProvider>;

}  // namespace driftless::iam
