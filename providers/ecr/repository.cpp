#include "providers/ecr/repository.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/described.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/ecr/schema.h"

namespace driftless::ecr {

namespace {

const common::JsonTagApi kTags{
    .service = "ecr", .idField = "resourceArn", .tagsField = "tags", .keysField = "tagKeys"};

bool isAbsent(const Error& e) {
  return common::isNotFound(e) ||
         common::hasCode(e, {"RepositoryNotFoundException", "LifecyclePolicyNotFoundException",
                             "RepositoryPolicyNotFoundException"});
}

class RepositoryProvider final : public common::JsonProvider<common::DescribedProvider> {
 public:
  explicit RepositoryProvider(ProviderContext ctx)
      : JsonProvider("ecr", std::move(ctx), repositoryTypeInfo(), kNotObserved) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = repoRequest(desired);
    if (const Value* m = desired.properties.find("ImageTagMutability"))
      body["imageTagMutability"] = *m;
    if (const Value* f = desired.properties.find("ImageTagMutabilityExclusionFilters"))
      body["imageTagMutabilityExclusionFilters"] = exclusionFilters(*f);
    if (const Value* s = desired.properties.find("ImageScanningConfiguration"))
      body["imageScanningConfiguration"] = scanning(*s);
    if (const Value* e = desired.properties.find("EncryptionConfiguration")) {
      Value enc = Value::object();
      enc["encryptionType"] = Value(e->find("EncryptionType")->scalarText());
      if (const Value* k = e->find("KmsKey")) enc["kmsKey"] = *k;
      body["encryptionConfiguration"] = enc;
    }
    body["tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateRepository", body);
    if (!r) co_return fail(r.error());
    auto policies = co_await putPolicies(desired, nullptr);
    if (!policies) co_return fail(policies.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const Value* m = desired.properties.find("ImageTagMutability");
    const Value* filters = desired.properties.find("ImageTagMutabilityExclusionFilters");
    if ((m && delta.differentAt("ImageTagMutability")) ||
        (filters && delta.differentAt("ImageTagMutabilityExclusionFilters"))) {
      // One call sets both: the setting (live when unmanaged) and its exclusions.
      Value body = repoRequest(desired);
      const Value* mutability = m ? m : live.properties.find("ImageTagMutability");
      body["imageTagMutability"] = mutability ? *mutability : Value("MUTABLE");
      if (filters) body["imageTagMutabilityExclusionFilters"] = exclusionFilters(*filters);
      auto r = co_await call("PutImageTagMutability", body);
      if (!r) co_return fail(r.error());
    }
    if (const Value* s = desired.properties.find("ImageScanningConfiguration");
        s && delta.differentAt("ImageScanningConfiguration")) {
      Value body = repoRequest(desired);
      body["imageScanningConfiguration"] = scanning(*s);
      auto r = co_await call("PutImageScanningConfiguration", body);
      if (!r) co_return fail(r.error());
    }
    auto policies = co_await putPolicies(desired, &delta);
    if (!policies) co_return fail(policies.error());
    const std::string arn = live.attributes.find("Arn")->scalarText();
    co_return co_await retagged(kTags, arn, desired, live, delta);
  }

  // A repository with images is deleted only when the manifest says EmptyOnDelete.
  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    Value body = repoRequest(desired);
    bool force = common::boolLike(desired.properties.find("EmptyOnDelete")).value_or(false);
    if (force) body["force"] = Value(true);
    auto r = co_await call("DeleteRepository", body);
    if (!r && isAbsent(r.error())) co_return Result<void>{};
    if (!r && common::hasCode(r.error(), {"RepositoryNotEmptyException"}))
      co_return fail(ErrorKind::Invalid,
                     "repository " + name(desired) +
                         " still has images: delete them, or set EmptyOnDelete: true to have "
                         "driftless delete them with it");
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  Value repoRequest(const Desired& d) const {
    Value body = Value::object();
    body["repositoryName"] = Value(name(d));
    return body;
  }
  // [{ImageTagMutabilityExclusionFilterType, ...Value}] → [{filterType, filter}].
  static Value exclusionFilters(const Value& filters) {
    Value out = Value::array();
    if (!filters.isArray()) return out;
    for (const auto& f : filters.asArray()) {
      Value x = Value::object();
      const Value* type = f.find("ImageTagMutabilityExclusionFilterType");
      const Value* value = f.find("ImageTagMutabilityExclusionFilterValue");
      x["filterType"] = Value(type ? type->scalarText() : "WILDCARD");
      x["filter"] = Value(value ? value->scalarText() : "");
      out.push(std::move(x));
    }
    return out;
  }

  static Value scanning(const Value& s) {
    Value out = Value::object();
    out["scanOnPush"] = Value(common::boolLike(s.find("ScanOnPush")).value_or(false));
    return out;
  }

  // The lifecycle and repository policies: after create (delta null) whatever
  // the manifest sets, in an update what differs.
  Awaitable<Result<void>> putPolicies(const Desired& d, const Delta* delta) {
    const Value* lc = d.properties.find("LifecyclePolicy");
    if (lc && (!delta || delta->differentAt("LifecyclePolicy")) &&
        lc->find("LifecyclePolicyText")) {
      Value body = repoRequest(d);
      body["lifecyclePolicyText"] = Value(lc->find("LifecyclePolicyText")->scalarText());
      auto r = co_await call("PutLifecyclePolicy", body);
      if (!r) co_return fail(r.error());
    }
    const Value* policy = d.properties.find("RepositoryPolicyText");
    if (policy && (!delta || delta->differentAt("RepositoryPolicyText"))) {
      Value body = repoRequest(d);
      body["policyText"] = Value(common::attributeText(*policy));
      auto r = co_await call("SetRepositoryPolicy", body);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    Value request = Value::object();
    Value names = Value::array();
    names.push(Value(name(desired)));
    request["repositoryNames"] = names;
    auto r = co_await call("DescribeRepositories", request);
    if (!r) {
      if (isAbsent(r.error())) co_return Observed{};
      co_return fail(r.error());
    }
    const Value* repos = r->find("repositories");
    if (!repos || !repos->isArray() || repos->size() == 0) co_return Observed{};
    const Value& repo = repos->asArray()[0];
    auto text = [&](std::string_view path) {
      const Value* v = repo.findPath(path);
      return v ? v->scalarText() : std::string();
    };
    const std::string arn = text("repositoryArn");
    auto tags = co_await common::listTags(*ctx_.aws, kTags, arn);
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = common::found(name(desired), "RepositoryName");
    o.properties["ImageTagMutability"] = Value(text("imageTagMutability"));
    Value exclusions = Value::array();
    if (const Value* f = repo.find("imageTagMutabilityExclusionFilters"); f && f->isArray())
      for (const auto& x : f->asArray()) {
        Value e = Value::object();
        e["ImageTagMutabilityExclusionFilterType"] =
            Value(x.find("filterType") ? x.find("filterType")->scalarText() : "");
        e["ImageTagMutabilityExclusionFilterValue"] =
            Value(x.find("filter") ? x.find("filter")->scalarText() : "");
        exclusions.push(std::move(e));
      }
    o.properties["ImageTagMutabilityExclusionFilters"] = std::move(exclusions);
    o.properties["ImageScanningConfiguration"] = Value::object();
    o.properties["ImageScanningConfiguration"]["ScanOnPush"] =
        Value(text("imageScanningConfiguration.scanOnPush") == "true");
    Value enc = Value::object();
    enc["EncryptionType"] = Value(text("encryptionConfiguration.encryptionType"));
    if (!text("encryptionConfiguration.kmsKey").empty())
      enc["KmsKey"] = Value(text("encryptionConfiguration.kmsKey"));
    o.properties["EncryptionConfiguration"] = enc;
    common::setLiveTags(o, std::move(*tags));
    o.attributes["Arn"] = Value(text("repositoryArn"));
    o.attributes["RepositoryUri"] = Value(text("repositoryUri"));
    auto extra = co_await describePolicies(desired, o);
    if (!extra) co_return fail(extra.error());
    co_return o;
  }

  // The policies, read only when the manifest manages them.
  Awaitable<Result<void>> describePolicies(const Desired& desired, Observed& o) {
    if (desired.properties.find("LifecyclePolicy")) {
      Value body = repoRequest(desired);
      auto r = co_await call("GetLifecyclePolicy", body);
      if (!r && !isAbsent(r.error())) co_return fail(r.error());
      Value lc = Value::object();
      if (r && r->find("lifecyclePolicyText"))
        lc["LifecyclePolicyText"] = *r->find("lifecyclePolicyText");
      o.properties["LifecyclePolicy"] = lc;
    }
    if (desired.properties.find("RepositoryPolicyText")) {
      Value body = repoRequest(desired);
      auto r = co_await call("GetRepositoryPolicy", body);
      if (!r && !isAbsent(r.error())) co_return fail(r.error());
      if (r && r->find("policyText"))
        o.properties["RepositoryPolicyText"] =
            common::parseJsonAttribute(r->find("policyText")->scalarText());
    }
    co_return Result<void>{};
  }
};

}  // namespace

const common::MakeProvider makeRepositoryProvider = common::make<RepositoryProvider>;

}  // namespace driftless::ecr
