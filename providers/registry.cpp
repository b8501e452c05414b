#include "providers/registry.h"

namespace driftless {

void Registry::add(TypeInfo info, ProviderFactory factory) {
  std::string key = info.type;
  entries_.insert_or_assign(std::move(key), Entry{std::move(info), std::move(factory)});
}

const TypeInfo* Registry::info(std::string_view type) const {
  auto it = entries_.find(type);
  return it == entries_.end() ? nullptr : &it->second.info;
}

std::unique_ptr<Provider> Registry::make(std::string_view type, const ProviderContext& ctx) const {
  auto it = entries_.find(type);
  if (it == entries_.end() || !it->second.factory) return nullptr;
  return it->second.factory(ctx);
}

std::vector<std::string> Registry::types() const {
  std::vector<std::string> out;
  for (const auto& [k, e] : entries_)
    out.push_back(k);
  return out;
}

}  // namespace driftless
