#include "providers/common/tag_snapshot.h"

#include "providers/aws/client.h"
#include "providers/common/owned.h"
#include "providers/compare.h"

namespace driftless::common {

Awaitable<Result<std::size_t>> TagSnapshot::load(const ProviderContext& ctx,
                                                 std::vector<std::string> resourceTypes) {
  clear();
  Value filters = Value::array();
  filters.push(tagFilter(kTagController, ctx.controllerId));
  filters.push(tagFilter(kTagEnvironment, ctx.environment));
  Value types = Value::array();
  for (auto& t : resourceTypes)
    types.push(Value(std::move(t)));
  std::size_t requests = 0;
  std::string token;
  do {
    Value body = Value::object();
    body["TagFilters"] = filters;
    body["ResourceTypeFilters"] = types;
    body["ResourcesPerPage"] = Value(100);
    if (!token.empty()) body["PaginationToken"] = Value(token);
    auto page = co_await ctx.aws->json("tagging", "GetResources", body);
    ++requests;
    if (!page) {
      clear();
      co_return std::unexpected(page.error());
    }
    if (const Value* list = page->find("ResourceTagMappingList"); list && list->isArray())
      for (const auto& m : list->asArray()) {
        const Value* arn = m.find("ResourceARN");
        const Value* tags = m.find("Tags");
        if (arn && arn->isString()) byArn_[arn->asString()] = tags ? *tags : Value::array();
      }
    const Value* next = page->find("PaginationToken");
    token = next && next->isString() ? next->asString() : "";
  } while (!token.empty());
  loaded_ = true;
  co_return requests;
}

void TagSnapshot::clear() {
  byArn_.clear();
  loaded_ = false;
}

const Value* TagSnapshot::find(std::string_view arn) const {
  auto it = byArn_.find(std::string(arn));
  return it == byArn_.end() ? nullptr : &it->second;
}

std::optional<Value> agreedTags(const ProviderContext& ctx, const Desired& desired,
                                std::string_view arn) {
  if (!ctx.tagSnapshot || !ctx.tagSnapshot->loaded() || arn.empty()) return std::nullopt;
  const Value* tags = ctx.tagSnapshot->find(arn);
  if (!tags) return std::nullopt;
  auto owner = ownershipFromTags(*tags);
  if (!owner || *owner != ctx.ownership(desired.id)) return std::nullopt;
  if (const Value* want = desired.properties.find("Tags"); want && tagMap(*want) != tagMap(*tags))
    return std::nullopt;
  return *tags;
}

}  // namespace driftless::common
