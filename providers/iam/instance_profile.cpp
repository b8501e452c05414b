#include "providers/iam/instance_profile.h"

#include <algorithm>

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/iam/instance_profile_schema.h"

namespace driftless::iam {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Observed fromXml(pugi::xml_node profile) {
  Observed o;
  o.exists = true;
  std::string name = profile.child_value("InstanceProfileName");
  o.physicalId = name;
  o.properties["InstanceProfileName"] = Value(name);
  o.properties["Path"] = Value(std::string(profile.child_value("Path")));
  Value roles = Value::array();
  for (auto m : profile.child("Roles").children("member"))
    roles.push(Value(std::string(m.child_value("RoleName"))));
  o.properties["Roles"] = std::move(roles);
  Value::Object tags;
  for (auto m : profile.child("Tags").children("member"))
    tags.insert_or_assign(m.child_value("Key"), Value(std::string(m.child_value("Value"))));
  Value list = common::tagList(tags);
  o.owner = ownershipFromTags(list);
  o.properties["Tags"] = std::move(list);  // ownership only: the type has no Tags property
  o.attributes["Arn"] = Value(std::string(profile.child_value("Arn")));
  return o;
}

void addTags(aws::Params& p, const Value::Object& tags) {
  int n = 0;
  for (const auto& [k, v] : tags) {
    ++n;
    p.emplace_back("Tags.member." + std::to_string(n) + ".Key", k);
    p.emplace_back("Tags.member." + std::to_string(n) + ".Value", v.scalarText());
  }
}

class InstanceProfileProvider final : public common::ProviderBase {
 public:
  explicit InstanceProfileProvider(ProviderContext ctx)
      : ProviderBase(std::move(ctx), instanceProfileTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string name = nameOf(desired);
    co_return co_await describe(name);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string name = nameOf(desired);
    aws::Params p = common::params("InstanceProfileName", name);
    if (const Value* path = desired.properties.find("Path"))
      p.emplace_back("Path", path->scalarText());
    addTags(p, common::createTags(nullptr, ctx_.ownershipTags(desired.id)));
    auto r = co_await call("CreateInstanceProfile", std::move(p));
    if (!r) co_return fail(r.error());
    for (const auto& role : common::stringsLike(desired.properties.find("Roles")))
      if (auto a = co_await roleCall("AddRoleToInstanceProfile", name, role); !a)
        co_return fail(a.error());
    co_return co_await describe(name);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    const std::string name = nameOf(desired);
    std::vector<std::string> wanted = common::stringsLike(desired.properties.find("Roles"));
    std::vector<std::string> held = common::stringsLike(live.properties.find("Roles"));
    for (const auto& role : held)
      if (!contains(wanted, role))
        if (auto r = co_await roleCall("RemoveRoleFromInstanceProfile", name, role); !r)
          co_return fail(r.error());
    for (const auto& role : wanted)
      if (!contains(held, role))
        if (auto r = co_await roleCall("AddRoleToInstanceProfile", name, role); !r)
          co_return fail(r.error());
    if (desired.adopt || !live.owner) {
      const Value* lt = live.properties.find("Tags");
      Value ownership = ctx_.ownershipTags(desired.id);
      auto change = common::tagChange(nullptr, lt ? *lt : Value::array(), &ownership);
      if (!change.set.empty()) {
        aws::Params p = common::params("InstanceProfileName", name);
        addTags(p, change.set);
        if (auto r = co_await call("TagInstanceProfile", std::move(p)); !r)
          co_return fail(r.error());
      }
    }
    co_return co_await describe(name);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string name = nameOf(desired);
    for (const auto& role : common::stringsLike(live.properties.find("Roles")))
      if (auto r = co_await roleCall("RemoveRoleFromInstanceProfile", name, role);
          !r && !common::isNotFound(r.error()))
        co_return fail(r.error());
    aws::Params p = common::params("InstanceProfileName", name);
    auto r = co_await call("DeleteInstanceProfile", std::move(p));
    co_return common::deleted(r);
  }

 private:
  static std::string nameOf(const Desired& d) {
    if (const Value* n = d.properties.find("InstanceProfileName")) return n->scalarText();
    return d.physicalId;
  }

  Awaitable<Result<aws::Xml>> call(std::string_view action, aws::Params params) {
    auto r = co_await ctx_.aws->query("iam", action, std::move(params));
    if (!r) co_return fail(common::classify(r.error(), "iam:" + std::string(action)));
    co_return r;
  }

  Awaitable<Result<aws::Xml>> roleCall(std::string_view action, const std::string& name,
                                       const std::string& role) {
    aws::Params p = common::params("InstanceProfileName", name, "RoleName", role);
    co_return co_await call(action, std::move(p));
  }

  Awaitable<Result<Observed>> describe(const std::string& name) {
    Observed none;
    aws::Params p = common::params("InstanceProfileName", name);
    auto r = co_await call("GetInstanceProfile", std::move(p));
    if (!r && common::isNotFound(r.error())) co_return none;
    if (!r) co_return fail(r.error());
    co_return fromXml(r->result.child("InstanceProfile"));
  }
};

}  // namespace

const common::MakeProvider makeInstanceProfileProvider = common::make<InstanceProfileProvider>;

}  // namespace driftless::iam
