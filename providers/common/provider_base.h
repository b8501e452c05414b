#pragma once
// What every provider holds: the environment's context (the AWS client, region,
// account, ownership) and its type's TypeInfo.
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "providers/provider.h"

namespace driftless::common {

// An Observed for a resource that exists, named `physicalId`.
inline Observed found(std::string physicalId) {
  Observed o;
  o.exists = true;
  o.physicalId = std::move(physicalId);
  return o;
}

// The same, its name also shown as the property `nameProperty` ("QueueName").
inline Observed found(std::string physicalId, const std::string& nameProperty) {
  Observed o = found(std::move(physicalId));
  o.properties[nameProperty] = Value(o.physicalId);
  return o;
}

class ProviderBase : public Provider {
 public:
  ProviderBase(ProviderContext ctx, TypeInfo info) : ctx_(std::move(ctx)), info_(std::move(info)) {}

  const TypeInfo& info() const override { return info_; }

 protected:
  // The resource's name: the manifest's, else the one the physical id recorded
  // in state holds (a remove after the manifest dropped it).
  std::string name(const Desired& d) const {
    auto n = manifestName(d.properties);
    return n ? std::move(*n) : nameInId(d.physicalId);
  }
  // The name of what `live` observed (a remove), else the manifest's.
  std::string name(const Desired& d, const Observed& live) const {
    return live.physicalId.empty() ? name(d) : live.physicalId;
  }

  // The name the manifest gives: its physical-name property (a type whose name
  // other properties make overrides it); nullopt when it gives none.
  virtual std::optional<std::string> manifestName(const Properties& p) const {
    const Value* v = p.find(info_.physicalNameProperty);
    if (v && v->isScalar()) return v->scalarText();
    return std::nullopt;
  }
  // The name a physical id holds: the id itself (a composite id overrides it).
  virtual std::string nameInId(const std::string& physicalId) const { return physicalId; }

  ProviderContext ctx_;
  TypeInfo info_;
};

// Declares Provider's four operations as overrides, for a provider base that
// defines them out of line (AttachedPolicyProvider, ec2's and glue's
// TaggedProvider, glue's CatalogProvider): the one declaration of the four, not a copy per class.
#define DRIFTLESS_PROVIDER_OPERATIONS                                              \
  Awaitable<Result<Observed>> observe(const Desired& desired) override;            \
  Awaitable<Result<Observed>> create(const Desired& desired) override;             \
  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live, \
                                     const Delta& delta) override;                 \
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override

// A type's provider factory, as its folder's header declares it
// (`extern const common::MakeProvider make<Type>Provider;`) and its registry
// row names it: a function pointer, constant-initialised.
using MakeProvider = std::unique_ptr<Provider> (*)(const ProviderContext&);

// The factory of a provider made from the context alone:
// `const common::MakeProvider makeStreamProvider = common::make<StreamProvider>;`.
template <class P>
std::unique_ptr<Provider> make(const ProviderContext& ctx) {
  return std::make_unique<P>(ctx);
}
// The factory of a provider that serves several types: made from the context,
// the type's `info()` and constant arguments
// (`common::make<InlinePolicyProvider, rolePolicyTypeInfo, true>`).
template <class P, TypeInfo (*info)(), auto... args>
std::unique_ptr<Provider> make(const ProviderContext& ctx) {
  return std::make_unique<P>(ctx, info(), args...);
}

}  // namespace driftless::common
