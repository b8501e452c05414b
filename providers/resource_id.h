#pragma once
#include <compare>
#include <functional>
#include <string>
#include <string_view>

namespace driftless {

// A resource's identity in the manifests: `stack/LogicalId`, where the stack is
// the template's file name without extension.
struct ResourceId {
  std::string stack;
  std::string logicalId;

  std::string str() const { return stack + "/" + logicalId; }
  // Parses "stack/LogicalId"; an id without '/' yields an empty stack.
  static ResourceId parse(std::string_view s) {
    auto slash = s.find('/');
    if (slash == std::string_view::npos) return {"", std::string(s)};
    return {std::string(s.substr(0, slash)), std::string(s.substr(slash + 1))};
  }
  friend auto operator<=>(const ResourceId&, const ResourceId&) = default;
  friend bool operator==(const ResourceId&, const ResourceId&) = default;
};

}  // namespace driftless

template <>
struct std::hash<driftless::ResourceId> {
  std::size_t operator()(const driftless::ResourceId& id) const noexcept {
    return std::hash<std::string>{}(id.stack) * 31 + std::hash<std::string>{}(id.logicalId);
  }
};
