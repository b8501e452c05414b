#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "providers/provider.h"

namespace driftless {

using ProviderFactory = std::function<std::unique_ptr<Provider>(const ProviderContext&)>;

// The resource types driftless knows. reconcile/ validates against the
// TypeInfo alone (offline); the controller creates providers per environment.
class Registry {
 public:
  void add(TypeInfo info, ProviderFactory factory);
  const TypeInfo* info(std::string_view type) const;
  std::unique_ptr<Provider> make(std::string_view type, const ProviderContext& ctx) const;
  std::vector<std::string> types() const;

 private:
  struct Entry {
    TypeInfo info;
    ProviderFactory factory;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace driftless
