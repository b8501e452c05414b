// AWS::EC2::LaunchTemplate: tagged (providers/ec2/tagged.h), created with a
// ClientToken. The manifest's LaunchTemplateData is the default version's: a
// change (or drift put back) creates a new version and makes it the default,
// as CloudFormation does; old versions stay. LaunchTemplateData is written
// and read through its schema (the fields declared in schema.cpp): EC2's query
// names are CloudFormation's (lists singular, "SecurityGroupId.N"), its answer
// camel-cased with lists as "<singular>Set".
#include <memory>
#include <unordered_map>

#include "providers/common/errors.h"
#include "providers/common/observe_batch.h"
#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

const Kind kLaunchTemplate{.noun = "launch template",
                           .describeAction = "DescribeLaunchTemplates",
                           .setName = "launchTemplates",
                           .idField = "launchTemplateId",
                           .idFilter = "launch-template-id",
                           .resourceType = "launch-template",
                           .deleteAction = "DeleteLaunchTemplate",
                           .deleteIdParam = "LaunchTemplateId",
                           .idParam = "LaunchTemplateId.1"};

std::string camel(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

// The element `node` read as `spec` declares it; null when absent.
Value unflatten(const PropertySpec& spec, pugi::xml_node node) {
  using K = PropertySpec::Kind;
  Value out = Value::object();
  for (const auto& f : spec.fields) {
    if (f.kind == K::List) {
      pugi::xml_node set = node.child((camel(singular(f.name)) + "Set").c_str());
      if (!set) continue;
      Value::Array list;
      for (pugi::xml_node item : set.children("item"))
        list.push_back(f.element[0].kind == K::Object ? unflatten(f.element[0], item)
                                                      : Value(std::string(item.child_value())));
      out[f.name] = Value(std::move(list));
      continue;
    }
    pugi::xml_node child = node.child(camel(f.name).c_str());
    if (!child) continue;
    out[f.name] =
        f.kind == K::Object ? unflatten(f, child) : Value(std::string(child.child_value()));
  }
  return out;
}

// TagSpecifications' launch-template tags are the template's Tags (one entry:
// validation allows only ResourceType launch-template).
Desired withTags(const Desired& d) {
  Desired out = d;
  if (const Value* specs = d.properties.find("TagSpecifications"); specs && specs->isArray())
    for (const auto& spec : specs->asArray())
      if (const Value* tags = spec.find("Tags")) out.properties["Tags"] = *tags;
  return out;
}

class LaunchTemplateProvider final : public TaggedProvider {
 public:
  explicit LaunchTemplateProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), launchTemplateTypeInfo(), kLaunchTemplate) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const Desired tagged = withTags(desired);
    co_return co_await TaggedProvider::create(tagged);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const Desired tagged = withTags(desired);
    Delta d = delta;
    if (const Value* tags = tagged.properties.find("Tags");
        tags && delta.differentAt("TagSpecifications"))
      d.changes.push_back({"Tags", *tags, std::nullopt});
    co_return co_await TaggedProvider::update(tagged, live, d);
  }

 protected:
  void read(pugi::xml_node item, Observed& o) const override {
    o.properties["LaunchTemplateName"] = Value(text(item, "launchTemplateName"));
    o.attributes["LaunchTemplateId"] = Value(o.physicalId);
    o.attributes["LatestVersionNumber"] = Value(text(item, "latestVersionNumber"));
    o.attributes["DefaultVersionNumber"] = Value(text(item, "defaultVersionNumber"));
  }

  // The default version's data and description; the template's tags as
  // TagSpecifications when the manifest writes them so.
  Awaitable<Result<void>> readMore(const Desired& desired, Observed& o) override {
    if (const Value* tags = o.properties.find("Tags");
        tags && desired.properties.find("TagSpecifications")) {
      Value spec = Value::object();
      spec["ResourceType"] = Value("launch-template");
      spec["Tags"] = *tags;
      o.properties["TagSpecifications"] = Value(Value::Array{std::move(spec)});
    }
    auto all = co_await defaultVersions(o.physicalId);
    if (all) {
      if (auto it = all->byId.find(o.physicalId); it != all->byId.end()) {
        readVersion(it->second, o);
        co_return Result<void>{};
      }
    }
    aws::Params p{{"LaunchTemplateId", o.physicalId}, {"LaunchTemplateVersion.1", "$Default"}};
    const std::string what = label(o.physicalId);
    auto r = co_await ec2("DescribeLaunchTemplateVersions", std::move(p), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node v : items(r->result, "launchTemplateVersionSet"))
      readVersion(v, o);
    co_return Result<void>{};
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    auto name = common::stringLike(desired.properties.find("LaunchTemplateName"));
    params.emplace_back("LaunchTemplateName", name ? *name : generatedName(desired, 100));
    addVersion(desired, params);
    params.emplace_back("ClientToken", clientToken());
    co_return co_await createCall("CreateLaunchTemplate", std::move(params), desired,
                                  "launchTemplate", "launchTemplateId");
  }

  // A change of the data or description: a new version, made the default.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed*,
                                const Delta* delta) override {
    if (!delta ||
        (!delta->differentAt("LaunchTemplateData") && !delta->differentAt("VersionDescription")))
      co_return Result<void>{};
    aws::Params p{{"LaunchTemplateId", id}};
    addVersion(desired, p);
    const std::string what = label(id);
    auto r = co_await ec2("CreateLaunchTemplateVersion", std::move(p), what);
    if (!r) co_return fail(r.error());
    const std::string version = text(r->result.child("launchTemplateVersion"), "versionNumber");
    aws::Params m{{"LaunchTemplateId", id}, {"SetDefaultVersion", version}};
    auto d = co_await ec2("ModifyLaunchTemplate", std::move(m), what);
    if (!d) co_return fail(d.error());
    co_return Result<void>{};
  }

 private:
  void readVersion(pugi::xml_node v, Observed& o) const {
    o.properties["LaunchTemplateData"] =
        unflatten(*info_.property("LaunchTemplateData"), v.child("launchTemplateData"));
    if (std::string d = text(v, "versionDescription"); !d.empty())
      o.properties["VersionDescription"] = Value(d);
  }

  // The default versions of the account's templates, by template id.
  struct DefaultVersions {
    using ById = std::unordered_map<std::string, pugi::xml_node>;
    aws::Xml answer;
    ById byId;
  };

  // In a full observation of two or more templates: one page (200) of every
  // template's default version, DescribeLaunchTemplateVersions with
  // `$Default` and no template id, read once for all (common/observe_batch.h).
  // Null otherwise or when it failed; a template not on that page (an account
  // with more) is read on its own, so the cost stays one call plus the misses.
  Awaitable<std::shared_ptr<const DefaultVersions>> defaultVersions(const std::string& id) {
    common::ObserveBatch* batch = ctx_.observeBatch.get();
    if (!batch || !batch->expects(info_.type, id) || batch->ids(info_.type).size() < 2)
      co_return nullptr;
    common::ObserveBatch::Reader reader = [this]() -> Awaitable<common::ObserveBatch::Loaded> {
      aws::Params p{{"LaunchTemplateVersion.1", "$Default"}, {"MaxResults", "200"}};
      const std::string what = "the launch templates' default versions";
      auto r = co_await ec2("DescribeLaunchTemplateVersions", std::move(p), what);
      if (!r) co_return nullptr;
      auto out = std::make_shared<DefaultVersions>();
      for (pugi::xml_node v : items(r->result, "launchTemplateVersionSet"))
        out->byId.emplace(text(v, "launchTemplateId"), v);
      out->answer = std::move(*r);
      co_return out;
    };
    const std::string key = info_.type + "#versions";
    auto loaded = co_await batch->once(key, std::move(reader));
    co_return std::static_pointer_cast<const DefaultVersions>(loaded);
  }

  void addVersion(const Desired& desired, aws::Params& p) const {
    if (auto v = common::stringLike(desired.properties.find("VersionDescription")))
      p.emplace_back("VersionDescription", *v);
    if (const Value* data = desired.properties.find("LaunchTemplateData"))
      flatten(*info_.property("LaunchTemplateData"), *data, "LaunchTemplateData", p);
  }
};

}  // namespace

const common::MakeProvider makeLaunchTemplateProvider = common::make<LaunchTemplateProvider>;

}  // namespace driftless::ec2
