#include "reconcile/provider_set.h"

namespace driftless::reconcile {

Delta schemaDiff(const TypeInfo& info, const Desired& desired, const Observed& live) {
  return compareProperties(info, desired.properties, live.properties);
}

ProviderSet::ProviderSet(const Registry& registry, ProviderContext context)
    : registry_(registry), context_(std::move(context)) {}

Provider* ProviderSet::get(std::string_view type) {
  if (auto it = providers_.find(type); it != providers_.end()) return it->second.get();
  auto made = registry_.make(type, context_);
  if (!made) return nullptr;
  Provider* raw = made.get();
  providers_.emplace(std::string(type), std::move(made));
  return raw;
}

void ProviderSet::put(std::unique_ptr<Provider> provider) {
  std::string type = provider->info().type;
  providers_.insert_or_assign(std::move(type), std::move(provider));
}

Differ ProviderSet::differ() {
  return [this](const TypeInfo& info, const Desired& desired, const Observed& live) {
    if (Provider* p = get(info.type)) return p->diff(desired, live);
    return schemaDiff(info, desired, live);
  };
}

}  // namespace driftless::reconcile
