#pragma once
// IAM query-protocol plumbing shared by the role and managed-policy providers.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "providers/aws/client.h"
#include "providers/common/errors.h"

namespace driftless::iam {

// Query parameters from name, value, name, value, ... (GCC 12 miscompiles
// braced initializer lists inside co_await expressions, so call sites use this).
inline void kvAdd(aws::Params&) {}
template <typename K, typename V, typename... Rest>
void kvAdd(aws::Params& p, K&& k, V&& v, Rest&&... rest) {
  p.emplace_back(std::string(std::forward<K>(k)), std::string(std::forward<V>(v)));
  kvAdd(p, std::forward<Rest>(rest)...);
}
template <typename... A>
aws::Params kv(A&&... a) {
  aws::Params p;
  kvAdd(p, std::forward<A>(a)...);
  return p;
}

// One IAM call; errors get the resource and, for AccessDenied, the action named.
Awaitable<Result<aws::Xml>> iamCall(aws::Client& client, std::string_view action,
                                    aws::Params params, std::string_view resource);

// Every page of a paginated list call (IsTruncated/Marker): `collect` is called
// with each page's result element.
Awaitable<Result<void>> iamPages(aws::Client& client, std::string_view action, aws::Params params,
                                 std::string_view resource,
                                 const std::function<void(pugi::xml_node)>& collect);

// <Tags><member><Key/><Value/></member></Tags> -> [{Key, Value}].
Value tagsFromXml(pugi::xml_node tags);
// Tags.member.N.Key / .Value parameters (prefix "Tags").
void addTagParams(aws::Params& params, const Value::Object& tags);
// <name><member>text</member>...</name> texts, or a member's `field`.
std::vector<std::string> memberTexts(pugi::xml_node list, const char* field = nullptr);

// A list of ARNs/names as a set (attach and detach only the difference), and back.
inline std::set<std::string> stringSet(const Value* list) {
  std::set<std::string> out;
  if (list && list->isArray())
    for (const auto& e : list->asArray())
      out.insert(e.scalarText());
  return out;
}

inline Value stringList(const std::set<std::string>& s) {
  Value out = Value::array();
  for (const auto& e : s)
    out.push(Value(e));
  return out;
}

}  // namespace driftless::iam
