#pragma once
// How observe and execute get the Provider of a resource type for one
// environment: created on first use from a Registry and a ProviderContext.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "providers/compare.h"
#include "providers/registry.h"

namespace driftless::reconcile {

// The diff step of a plan: which managed properties differ between desired
// and live for a type (Provider::diff, or compareProperties without a provider).
using Differ = std::function<Delta(const TypeInfo&, const Desired&, const Observed&)>;

// Schema-only differ (compareProperties): used when no provider is at hand.
Delta schemaDiff(const TypeInfo& info, const Desired& desired, const Observed& live);

// Not thread-safe: used from the one io_context thread of an environment.
class ProviderSet {
 public:
  // `registry` must outlive the set.
  ProviderSet(const Registry& registry, ProviderContext context);

  // The provider of `type`, created on first use; nullptr when the registry
  // has no factory for it.
  Provider* get(std::string_view type);
  // Installs `provider` for its info().type (tests, or overriding one type).
  void put(std::unique_ptr<Provider> provider);

  const Registry& registry() const { return registry_; }
  const ProviderContext& context() const { return context_; }

  // Provider::diff of the type's provider, schemaDiff when there is none.
  // The returned function refers to this set, which must outlive it.
  Differ differ();

 private:
  const Registry& registry_;
  ProviderContext context_;
  std::map<std::string, std::unique_ptr<Provider>, std::less<>> providers_;
};

}  // namespace driftless::reconcile
