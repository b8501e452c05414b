#pragma once
// The base of the EC2 types that join two resources and carry no tags of their
// own (a gateway attachment, a route, a route table or network ACL association,
// a network ACL entry): their identity is what they join, recorded in state;
// with no id in state nothing was created (a create finding the identical join
// live adopts it instead).
#include <optional>
#include <string>
#include <string_view>

#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/tagged.h"

namespace driftless::ec2 {

// A string-like property of `d`, "" when absent.
inline std::string prop(const Desired& d, const char* name) {
  return common::stringLike(d.properties.find(name)).value_or("");
}
// An integer-like property of `d` (5 or "5") as text, "" when absent.
inline std::string number(const Desired& d, const char* name) {
  auto v = common::intLike(d.properties.find(name));
  return v ? std::to_string(*v) : std::string();
}

class JoinProvider : public common::ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  // In a full observation a join with a parent is looked for in the parent's
  // item from the parent type's one bulk read (tagged.h, bulkItem); it is read
  // on its own when not found there (moved to another parent) or with no bulk
  // read (a targeted cycle).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string& id = desired.physicalId;
    if (id.empty()) co_return Observed{};  // never created
    if (const std::optional<Parent> parent = parentOf()) {
      const std::string parentId = prop(desired, parent->idProperty);
      auto bulk = co_await bulkItem(ctx_, parent->type, *parent->kind, parentId);
      if (bulk && bulk->item)
        if (std::optional<Observed> o = within(desired, id, bulk->item)) co_return std::move(*o);
    }
    co_return co_await read(desired, id);
  }

 protected:
  // The tagged type the join lives in: its CloudFormation type, kind and the
  // join's property that names it.
  struct Parent {
    std::string type;
    const Kind* kind;
    const char* idProperty;
  };
  virtual std::optional<Parent> parentOf() const { return std::nullopt; }
  // The join `id` as found in `parent` (an item of the parent's Describe*).
  virtual std::optional<Observed> within(const Desired&, const std::string&, pugi::xml_node) const {
    return std::nullopt;
  }
  // What is live for `id` (the recorded physical id).
  virtual Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) = 0;

  // The join `id` read on its own: the parent the manifest names (parentOf)
  // described alone (by the kind's idParam, else its idFilter filter) and the
  // join looked for in it with `within`; absent when the parent is gone.
  Awaitable<Result<Observed>> readWithin(const Desired& desired, const std::string& id,
                                         const std::string& what) {
    const Parent parent = *parentOf();
    const Kind& kind = *parent.kind;
    const std::string parentId = prop(desired, parent.idProperty);
    aws::Params p;
    int n = 1;
    if (kind.idParam.empty())
      addFilter(p, n, kind.idFilter, parentId);
    else
      p.emplace_back(std::string(kind.idParam), parentId);
    auto r = co_await ec2(kind.describeAction, std::move(p), what);
    if (!r && !kind.idParam.empty() && common::isNotFound(r.error())) co_return Observed{};
    if (!r) co_return fail(r.error());
    for (pugi::xml_node item : items(r->result, kind.setName))
      if (std::optional<Observed> o = within(desired, id, item)) co_return std::move(*o);
    co_return Observed{};
  }

  Awaitable<Result<aws::Xml>> ec2(std::string_view action, aws::Params params,
                                  const std::string& resource) const {
    co_return co_await call(ctx_, action, std::move(params), resource);
  }
};

}  // namespace driftless::ec2
